package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.entity.MessagesSent;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Announces what the mailings sent ({@link MessagesSent}) from the counts the outbox keeps with its
 * SENT rows: each message once, in the transaction of the observers (e.g. the campaign's cost per
 * email). An observer that fails rolls its announcement back, and it is made again at the next
 * tick; a crash loses nothing, since the counts are written with the messages' SENT state.
 */
@Stateless
@PermitAll
public class SentMessages {
  private static final Logger LOG = Logger.getLogger(SentMessages.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Event<MessagesSent> messagesSent;

  /** The mailings with messages sent and not announced yet. */
  public List<Long> unannounced() {
    try (Connection c = dataSource.getConnection()) {
      return OutboxStore.unannounced(c);
    } catch (SQLException e) {
      throw new IllegalStateException("the mailings' sent counts are unreadable", e);
    }
  }

  /**
   * Announces what the mailing sent since its last announcement, in a transaction of its own;
   * returns how many messages.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long announce(long mailingId) {
    Optional<OutboxStore.Unannounced> u;
    try (Connection c = dataSource.getConnection()) {
      u = OutboxStore.announce(c, mailingId);
    } catch (SQLException e) {
      throw new IllegalStateException("the sent count of mailing " + mailingId + " failed", e);
    }
    u.ifPresent(
        sent -> {
          messagesSent.fire(
              new MessagesSent(sent.campaignId(), sent.mailingId(), Math.toIntExact(sent.count())));
          LOG.fine(
              () ->
                  "event=messages-sent-announced mailing="
                      + mailingId
                      + " messages="
                      + sent.count()
                      + " total="
                      + sent.messages());
        });
    return u.map(OutboxStore.Unannounced::count).orElse(0L);
  }
}
