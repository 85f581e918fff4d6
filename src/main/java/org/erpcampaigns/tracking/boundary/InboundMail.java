package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.control.Recipients;
import org.erpcampaigns.tracking.control.SuppressionList;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EventType;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.Recipient;

/**
 * Records what one inbound message reports, in one transaction and at most once per inbound message
 * (CM_INBOUND_MAIL): bounces (a hard one marks the message BOUNCED and suppresses the address),
 * complaints (suppression) and replies, each as an event of the message it refers to, and
 * unsubscribe requests sent to the List-Unsubscribe mailto, which unsubscribe exactly as the
 * one-click POST does ({@link Unsubscribes}). An unsubscribe request names its message only by its
 * signed token: one without a token, or with a forged one, is logged and left for a human.
 */
@Stateless
@PermitAll
public class InboundMail {
  private static final Logger LOG = Logger.getLogger(InboundMail.class.getName());

  /** What became of an inbound message. */
  public enum Outcome {
    /** Matched to one of our messages and recorded. */
    RECORDED,
    /** Already recorded before (the mailbox could not move it the last time). */
    DUPLICATE,
    /** Not about any message of ours: left in the mailbox for a human. */
    UNMATCHED
  }

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject TrackingTokens tokens;
  @EJB EventRecorder events;
  @EJB Unsubscribes unsubscribes;

  public Outcome record(String messageKey, InboundReport report) {
    if (report.kind() == InboundReport.Kind.UNSUBSCRIBE) {
      return unsubscribe(messageKey, report);
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<Recipient> found = Recipients.byMessageId(c, report.referencedMessageIds());
      if (found.isEmpty() && report.unsubscribeToken() != null) {
        OptionalLong id = tokens.verify(report.unsubscribeToken(), Purpose.UNSUBSCRIBE);
        if (id.isPresent()) {
          found = Recipients.byOutboxId(c, id.getAsLong(), false);
        }
      }
      if (found.isEmpty()) {
        return Outcome.UNMATCHED;
      }
      Recipient r = found.get();
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      if (!remember(c, messageKey, report, r, now)) {
        return Outcome.DUPLICATE;
      }
      apply(c, report, r, now);
      LOG.info(
          () ->
              "event=inbound-recorded kind="
                  + report.kind()
                  + " outbox="
                  + r.outboxId()
                  + " campaign="
                  + r.campaignId());
      return Outcome.RECORDED;
    } catch (SQLException e) {
      throw new IllegalStateException("the inbound message " + messageKey + " was not recorded", e);
    }
  }

  private Outcome unsubscribe(String messageKey, InboundReport report) {
    if (report.unsubscribeToken() == null) {
      LOG.info(() -> "event=unsubscribe-mail-ignored key=" + messageKey + " reason=no-token");
      return Outcome.UNMATCHED;
    }
    OptionalLong id = tokens.verify(report.unsubscribeToken(), Purpose.UNSUBSCRIBE);
    if (id.isEmpty()) {
      LOG.info(() -> "event=unsubscribe-mail-ignored key=" + messageKey + " reason=invalid-token");
      return Outcome.UNMATCHED;
    }
    long outboxId = id.getAsLong();
    try (Connection c = dataSource.getConnection()) {
      Optional<Recipient> found = Recipients.byOutboxId(c, outboxId, false);
      if (found.isEmpty()) {
        LOG.info(
            () ->
                "event=unsubscribe-mail-ignored key="
                    + messageKey
                    + " reason=no-such-message outbox="
                    + outboxId);
        return Outcome.UNMATCHED;
      }
      if (!remember(c, messageKey, report, found.get(), LocalDateTime.now(ZoneOffset.UTC))) {
        return Outcome.DUPLICATE;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the inbound message " + messageKey + " was not recorded", e);
    }
    // in this transaction: the mail is remembered only together with the unsubscribe
    unsubscribes.unsubscribe(outboxId, Unsubscribes.Channel.MAIL);
    LOG.info(() -> "event=inbound-recorded kind=UNSUBSCRIBE outbox=" + outboxId);
    return Outcome.RECORDED;
  }

  private void apply(Connection c, InboundReport report, Recipient r, LocalDateTime now)
      throws SQLException {
    switch (report.kind()) {
      case HARD_BOUNCE -> {
        event(c, r, EventType.BOUNCED, report.detail(), now);
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE CM_OUTBOX SET STATE = 'BOUNCED', LAST_REPLY = ? WHERE ID = ?"
                    + " AND STATE IN ('SENT', 'SENDING')")) {
          ps.setString(1, cut(report.detail()));
          ps.setLong(2, r.outboxId());
          ps.executeUpdate();
        }
        SuppressionList.suppress(
            c,
            r.email(),
            SuppressionList.Reason.HARD_BOUNCE,
            r.partyId(),
            r.campaignId(),
            report.detail(),
            now);
        SuppressionList.withholdUnsent(c, r.email());
      }
      case SOFT_BOUNCE -> event(c, r, EventType.BOUNCED, report.detail(), now);
      case COMPLAINT -> {
        events
            .writer()
            .writeOnce(
                c, new EngagementEvent(r.outboxId(), EventType.COMPLAINED, report.detail(), now));
        SuppressionList.suppress(
            c,
            r.email(),
            SuppressionList.Reason.COMPLAINT,
            r.partyId(),
            r.campaignId(),
            report.detail(),
            now);
        SuppressionList.withholdUnsent(c, r.email());
      }
      case REPLY -> event(c, r, EventType.REPLIED, report.detail(), now);
      case AUTO_REPLY, DELIVERED -> {
        // remembered, not counted: an out-of-office is no reply, delivery is the sender's event
      }
    }
  }

  private void event(Connection c, Recipient r, EventType type, String detail, LocalDateTime now)
      throws SQLException {
    events.writer().write(c, List.of(new EngagementEvent(r.outboxId(), type, detail, now)));
  }

  private static boolean remember(
      Connection c, String key, InboundReport report, Recipient r, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_INBOUND_MAIL (MESSAGE_KEY, KIND, OUTBOX_ID, RECEIVED_AT)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, report.kind().name());
      ps.setLong(3, r.outboxId());
      ps.setTimestamp(4, Timestamp.valueOf(now));
      return ps.executeUpdate() > 0;
    }
  }

  private static String cut(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
