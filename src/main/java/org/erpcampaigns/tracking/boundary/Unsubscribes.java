package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.contacts.entity.ContactOptOut;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.control.Recipients;
import org.erpcampaigns.tracking.control.SuppressionList;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EventType;
import org.erpcampaigns.tracking.entity.Recipient;

/**
 * A recipient's unsubscribe, from the page, the RFC 8058 one-click POST or a mail to the
 * List-Unsubscribe mailto (no login: the signed token is the authority). It suppresses the address
 * for every marketing send at once, withholds the address's messages not sent yet, records the
 * contact's opt-out and the UNSUBSCRIBED event, and, when configured, writes the refusal back to
 * the ERP. Idempotent: a replay changes nothing.
 */
@Stateless
@PermitAll
public class Unsubscribes {
  private static final Logger LOG = Logger.getLogger(Unsubscribes.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @EJB EventRecorder events;
  @EJB ConsentWriteBack consent;

  /** How the recipient asked; it shows in the suppression's detail and the opt-out's author. */
  public enum Channel {
    /** The page's button or the one-click POST. */
    LINK("unsubscribe-link", "unsubscribe link"),
    /** A mail to the List-Unsubscribe mailto address. */
    MAIL("unsubscribe-mail", "unsubscribe mail");

    final String recordedBy;
    final String description;

    Channel(String recordedBy, String description) {
      this.recordedBy = recordedBy;
      this.description = description;
    }
  }

  /** The message's recipient, for the confirmation page; empty when there is no such message. */
  public Optional<Recipient> recipient(long outboxId) {
    try (Connection c = dataSource.getConnection()) {
      return Recipients.byOutboxId(c, outboxId, false);
    } catch (SQLException e) {
      throw new IllegalStateException("the message " + outboxId + " could not be read", e);
    }
  }

  /** Unsubscribes the message's recipient; empty when there is no such message. */
  public Optional<Recipient> unsubscribe(long outboxId) {
    return unsubscribe(outboxId, Channel.LINK);
  }

  /**
   * Unsubscribes the message's recipient, asked through the channel; empty when there is no such
   * message.
   */
  public Optional<Recipient> unsubscribe(long outboxId, Channel channel) {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    Recipient r;
    boolean suppressedNow;
    int withheld;
    try (Connection c = dataSource.getConnection()) {
      Optional<Recipient> found = Recipients.byOutboxId(c, outboxId, true);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      r = found.get();
      suppressedNow =
          SuppressionList.suppress(
              c,
              r.email(),
              SuppressionList.Reason.UNSUBSCRIBED,
              r.partyId(),
              r.campaignId(),
              channel.description + " of message " + outboxId,
              now);
      withheld = SuppressionList.withholdUnsent(c, r.email());
      events
          .writer()
          .writeOnce(c, new EngagementEvent(outboxId, EventType.UNSUBSCRIBED, null, now));
    } catch (SQLException e) {
      throw new IllegalStateException("the unsubscribe of message " + outboxId + " failed", e);
    }
    recordOptOut(r, channel, now);
    if (suppressedNow) {
      LOG.info(
          () ->
              "event=unsubscribed outbox="
                  + outboxId
                  + " party="
                  + r.partyId()
                  + " campaign="
                  + r.campaignId()
                  + " withheld="
                  + withheld
                  + " via="
                  + channel.name().toLowerCase(Locale.ROOT));
    }
    writeBack(r);
    return Optional.of(
        new Recipient(
            r.outboxId(),
            r.mailingId(),
            r.campaignId(),
            r.partyId(),
            r.email(),
            r.messageState(),
            true));
  }

  private void recordOptOut(Recipient r, Channel channel, LocalDateTime now) {
    List<ContactOptOut> active =
        em.createNamedQuery(ContactOptOut.ACTIVE_FOR, ContactOptOut.class)
            .setParameter("contactIds", List.of(r.partyId()))
            .getResultList();
    if (active.isEmpty()) {
      em.persist(
          new ContactOptOut(
              r.partyId(),
              "Unsubscribed " + r.email() + " (campaign " + r.campaignId() + ")",
              channel.recordedBy,
              now));
    }
  }

  private void writeBack(Recipient r) {
    if (!consent.isActive()) {
      return;
    }
    try {
      consent.refuseSolicitation(r.partyId(), r.email());
    } catch (Exception e) {
      // the unsubscribe itself stands; the ERP keeps its old flag and the admin is told
      LOG.log(
          Level.WARNING,
          "event=consent-write-back-failed party=" + r.partyId() + " outbox=" + r.outboxId(),
          e);
    }
  }
}
