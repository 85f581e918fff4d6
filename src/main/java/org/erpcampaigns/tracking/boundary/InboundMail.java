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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.control.Recipients;
import org.erpcampaigns.tracking.control.SoftBounces;
import org.erpcampaigns.tracking.control.SuppressionList;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.erpcampaigns.tracking.entity.BounceReason;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EventType;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.Recipient;

/**
 * Records what one inbound message reports, in one transaction and at most once per inbound message
 * (CM_INBOUND_MAIL, with the reason, the server's words and the decision): bounces (a hard one
 * marks the message BOUNCED and suppresses the address; a soft one suppresses only when the
 * address's last {@code campaigns.bounce.soft-limit} sent messages all bounced softly; a refusal by
 * policy never does, it is a sender problem), complaints (suppression), feedback reports that are
 * no complaints (sender problems), replies, each as an event of the message it refers to, and
 * unsubscribe requests sent to the List-Unsubscribe mailto, which unsubscribe exactly as the
 * one-click POST does ({@link Unsubscribes}). Challenge-response mails are recorded as needing a
 * person and stay in the mailbox for one. A report is matched to its message by the signed return
 * path it was delivered to (VERP), or else by what it quotes. An unsubscribe request names its
 * message only by its signed token: one without a token, or with a forged one, is logged and left
 * for a human.
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
    UNMATCHED,
    /** Recorded (now or before) as needing a person: left in the mailbox for one. */
    NEEDS_ATTENTION
  }

  /** What was done about an inbound report (CM_INBOUND_MAIL.DECISION). */
  public enum Decision {
    /** The address was suppressed (hard bounce, complaint). */
    SUPPRESSED,
    /** A soft bounce that completed a run of soft bounces: the address was suppressed. */
    ESCALATED,
    /** A soft bounce, counted towards the run; the address stays. */
    COUNTED,
    /** Refused by policy or reported by a feedback report: the sender must act, not the address. */
    SENDER_PROBLEM,
    /** A challenge-response mail: a person must answer it. */
    NEEDS_ATTENTION,
    /** Recorded, nothing else to do (a reply, an automatic reply, a read receipt, a delay). */
    RECORDED
  }

  private static final int DEFAULT_SOFT_LIMIT = 3;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject TrackingTokens tokens;

  @Inject
  @ConfigProperty(name = "campaigns.bounce.soft-limit", defaultValue = "3")
  int softLimit;

  @EJB EventRecorder events;
  @EJB Unsubscribes unsubscribes;

  /**
   * Records one inbound message's report about the message it refers to: the one whose return path
   * it was delivered to, else the one whose Message-ID it quotes, else the one whose unsubscribe
   * token its returned headers hold.
   *
   * @param returnedTo the outbox row named by the verified token of the return path it was
   *     delivered to (see {@link org.erpcampaigns.tracking.control.ReturnPaths}), or empty
   */
  public Outcome record(String messageKey, InboundReport report, OptionalLong returnedTo) {
    if (report.kind() == InboundReport.Kind.UNSUBSCRIBE) {
      return unsubscribe(messageKey, report);
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<Recipient> found =
          returnedTo.isPresent()
              ? Recipients.byOutboxId(c, returnedTo.getAsLong(), false)
              : Optional.empty();
      if (found.isEmpty()) {
        found = Recipients.byMessageId(c, report.referencedMessageIds());
      }
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
        return report.kind() == InboundReport.Kind.CHALLENGE
            ? Outcome.NEEDS_ATTENTION
            : Outcome.DUPLICATE;
      }
      Decision decision = apply(c, report, r, now);
      decide(c, messageKey, decision);
      LOG.info(
          () ->
              "event=inbound-recorded kind="
                  + report.kind()
                  + " reason="
                  + report.reason()
                  + " server="
                  + report.server()
                  + " decision="
                  + decision
                  + " outbox="
                  + r.outboxId()
                  + " campaign="
                  + r.campaignId()
                  + " matched-by="
                  + (returnedTo.isPresent() && returnedTo.getAsLong() == r.outboxId()
                      ? "return-path"
                      : "quoted"));
      return decision == Decision.NEEDS_ATTENTION ? Outcome.NEEDS_ATTENTION : Outcome.RECORDED;
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

  private Decision apply(Connection c, InboundReport report, Recipient r, LocalDateTime now)
      throws SQLException {
    return switch (report.kind()) {
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
        suppress(c, r, SuppressionList.Reason.HARD_BOUNCE, report.detail(), now);
        yield Decision.SUPPRESSED;
      }
      case SOFT_BOUNCE -> {
        event(c, r, EventType.BOUNCED, report.detail(), now);
        int limit = softLimit();
        if (SoftBounces.limitReached(c, r.email(), limit)) {
          suppress(
              c,
              r,
              SuppressionList.Reason.SOFT_BOUNCES,
              "soft bounces in " + limit + " consecutive mailings, the last: " + report.detail(),
              now);
          yield Decision.ESCALATED;
        }
        // a delay warning is not counted towards the run (SoftBounces): the server still tries
        yield report.reason() == BounceReason.DELAYED ? Decision.RECORDED : Decision.COUNTED;
      }
      case POLICY_BOUNCE -> {
        // not delivered, so a bounce for the counts; the address is fine, our sending is not
        event(c, r, EventType.BOUNCED, report.detail(), now);
        yield Decision.SENDER_PROBLEM;
      }
      case FEEDBACK -> Decision.SENDER_PROBLEM;
      case COMPLAINT -> {
        events
            .writer()
            .writeOnce(
                c, new EngagementEvent(r.outboxId(), EventType.COMPLAINED, report.detail(), now));
        suppress(c, r, SuppressionList.Reason.COMPLAINT, report.detail(), now);
        yield Decision.SUPPRESSED;
      }
      case REPLY -> {
        event(c, r, EventType.REPLIED, report.detail(), now);
        yield Decision.RECORDED;
      }
      case CHALLENGE -> Decision.NEEDS_ATTENTION;
      case AUTO_REPLY, READ_RECEIPT, DELIVERED, UNSUBSCRIBE ->
          // remembered, not counted: an out-of-office or a read receipt is no reply, delivery is
          // the sender's event
          Decision.RECORDED;
    };
  }

  private static void suppress(
      Connection c, Recipient r, SuppressionList.Reason reason, String detail, LocalDateTime now)
      throws SQLException {
    SuppressionList.suppress(c, r.email(), reason, r.partyId(), r.campaignId(), detail, now);
    SuppressionList.withholdUnsent(c, r.email());
  }

  private int softLimit() {
    if (softLimit < 1) {
      LOG.warning(
          () ->
              "event=config-invalid key=campaigns.bounce.soft-limit value="
                  + softLimit
                  + " using="
                  + DEFAULT_SOFT_LIMIT);
      return DEFAULT_SOFT_LIMIT;
    }
    return softLimit;
  }

  private static void decide(Connection c, String key, Decision decision) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_INBOUND_MAIL SET DECISION = ? WHERE MESSAGE_KEY = ?")) {
      ps.setString(1, decision.name());
      ps.setString(2, key);
      ps.executeUpdate();
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
            "INSERT INTO CM_INBOUND_MAIL (MESSAGE_KEY, KIND, OUTBOX_ID, RECEIVED_AT, SERVER_KIND,"
                + " STATUS, REASON, RECIPIENT, SERVER_TEXT, DECISION, DOMAIN)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, report.kind().name());
      ps.setLong(3, r.outboxId());
      ps.setTimestamp(4, Timestamp.valueOf(now));
      ps.setString(5, report.server() == null ? null : report.server().name());
      ps.setString(
          6, report.status() == null || report.status().length() > 12 ? null : report.status());
      ps.setString(7, report.reason() == null ? null : report.reason().name());
      ps.setString(8, cut(report.recipient(), 255));
      ps.setString(9, cut(report.serverText()));
      ps.setString(10, Decision.RECORDED.name());
      String email = SuppressionList.normalised(r.email());
      ps.setString(11, cut(email.substring(email.lastIndexOf('@') + 1), 255));
      return ps.executeUpdate() > 0;
    }
  }

  private static String cut(String s) {
    return cut(s, 1000);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
