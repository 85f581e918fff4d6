package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.mailings.boundary.OutgoingMail;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.control.Messages;

/**
 * Mails the notices of NOTIFY steps (CM_WORKFLOW_NOTICE, written by the engine in its own
 * transaction) through the product's relay, outside the engine's transaction: the pending notices
 * of one workflow, step and recipient become one message listing their contacts. A notice is a
 * message to a user, not marketing: no consent, suppression or send window applies. Claimed rows
 * are SENDING until the relay accepted the message and the SENT mark commits; a SENDING row of an
 * instance that died is sent again after {@link #CLAIM_TIMEOUT} (at least once, the Message-ID
 * stays the same so a mail client can drop a duplicate), a refusal is retried with a growing delay
 * up to {@link #MAX_ATTEMPTS}, then FAILED.
 */
@Stateless
@PermitAll
public class WorkflowNotices {
  private static final Logger LOG = Logger.getLogger(WorkflowNotices.class.getName());

  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);
  static final int MAX_ATTEMPTS = 5;

  /** How many contacts one message lists by name; the others are counted. */
  static final int LISTED = 200;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject OutgoingMail outgoingMail;

  @Inject
  @ConfigProperty(
      name = "campaigns.workflows.notice-from",
      defaultValue = "erp-campaigns@localhost")
  String from;

  @Inject
  @ConfigProperty(name = "campaigns.workflows.notice-language", defaultValue = "en")
  String language;

  /** One message to send: the notices it covers and what it says. */
  public record Message(
      List<Long> notices, String recipient, String address, String subject, String text) {}

  private LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * Claims the due notices (pending, or sending for longer than the claim timeout) and composes
   * their messages; a recipient without an address fails at once, with a warning.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Message> claim(int limit) throws SQLException {
    LocalDateTime now = now();
    record Due(long id, long workflow, String step, String recipient, String subject) {}
    List<Due> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ID, WORKFLOW_ID, STEP_KEY, RECIPIENT, SUBJECT FROM CM_WORKFLOW_NOTICE"
                  + " WHERE (STATE = 'PENDING' AND NEXT_AT <= ?) OR (STATE = 'SENDING'"
                  + " AND CLAIMED_AT <= ?) ORDER BY ID LIMIT ? FOR UPDATE SKIP LOCKED")) {
        ps.setObject(1, now);
        ps.setObject(2, now.minus(CLAIM_TIMEOUT));
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            due.add(
                new Due(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)));
          }
        }
      }
      if (due.isEmpty()) {
        return List.of();
      }
      Map<String, List<Due>> byMessage = new LinkedHashMap<>();
      due.forEach(
          d ->
              byMessage
                  .computeIfAbsent(
                      d.workflow() + "\n" + d.step() + "\n" + d.recipient(), k -> new ArrayList<>())
                  .add(d));
      List<Message> messages = new ArrayList<>();
      Locale locale = Messages.supported(Locale.forLanguageTag(language));
      for (List<Due> group : byMessage.values()) {
        Due first = group.get(0);
        List<Long> ids = group.stream().map(Due::id).toList();
        Array array = c.createArrayOf("BIGINT", ids.toArray());
        update(c, array, "STATE = 'SENDING', CLAIMED_AT = ?, ATTEMPTS = ATTEMPTS + 1", now);
        String address = address(c, first.recipient());
        if (address == null) {
          LOG.warning(
              () ->
                  "event=workflow-notice-no-address recipient="
                      + first.recipient()
                      + " notices="
                      + ids);
          update(c, array, "STATE = 'FAILED', LAST_ERROR = 'no email address'");
          continue;
        }
        messages.add(
            compose(
                c,
                locale,
                first.workflow(),
                first.step(),
                first.subject(),
                ids,
                array,
                first.recipient(),
                address));
      }
      return messages;
    }
  }

  private Message compose(
      Connection c,
      Locale locale,
      long workflow,
      String step,
      String subject,
      List<Long> ids,
      Array array,
      String recipient,
      String address)
      throws SQLException {
    String workflowName = String.valueOf(workflow);
    try (PreparedStatement ps = c.prepareStatement("SELECT NAME FROM CM_WORKFLOW WHERE ID = ?")) {
      ps.setLong(1, workflow);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          workflowName = rs.getString(1);
        }
      }
    }
    int total;
    List<String> lines = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE_CONTACT WHERE NOTICE_ID = ANY (?)")) {
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getInt(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.PARTY_ID, i.DISPLAY_NAME, i.EMAIL FROM CM_WORKFLOW_NOTICE_CONTACT n"
                + " LEFT JOIN CM_CONTACT_INDEX i ON i.PARTY_ID = n.PARTY_ID"
                + " WHERE n.NOTICE_ID = ANY (?) ORDER BY n.PARTY_ID LIMIT ?")) {
      ps.setArray(1, array);
      ps.setInt(2, LISTED);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(2);
          String email = rs.getString(3);
          lines.add(
              "- "
                  + rs.getString(1)
                  + (name == null ? "" : " " + name)
                  + (email == null ? "" : " <" + email + ">"));
        }
      }
    }
    StringBuilder text =
        new StringBuilder(Messages.get(locale, "workflow.notice.intro", step, workflowName))
            .append("\n\n");
    lines.forEach(l -> text.append(l).append('\n'));
    if (total > lines.size()) {
      text.append(Messages.get(locale, "workflow.notice.more", total - lines.size())).append('\n');
    }
    String title =
        subject != null
            ? subject
            : Messages.get(locale, "workflow.notice.subject", total, step, workflowName);
    return new Message(ids, recipient, address, title, text.toString());
  }

  /** An address as it is, a user's from CM_USER.EMAIL; null when the user has none. */
  private static String address(Connection c, String recipient) throws SQLException {
    if (recipient.contains("@")) {
      return recipient;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT EMAIL FROM CM_USER WHERE USERNAME = ? AND ENABLED = 'Y'")) {
      ps.setString(1, recipient);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()
            ? rs.getString(1).strip()
            : null;
      }
    }
  }

  /** Hands one message to the relay; returns the refusal, or null when it was accepted. */
  public String send(Message m) {
    try {
      MimeMessage mail =
          new MimeMessage(outgoingMail.interactiveSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", "<workflow-notice-" + m.notices().get(0) + "@erp-campaigns>");
            }
          };
      mail.setFrom(new InternetAddress(from));
      mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.address()));
      mail.setSubject(m.subject(), "UTF-8");
      mail.setText(m.text(), "UTF-8");
      Transport.send(mail);
      return null;
    } catch (MessagingException e) {
      return String.valueOf(e.getMessage());
    }
  }

  /** Marks a message's notices sent, or due again later (failed after the last attempt). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void sent(Message m, String refusal) throws SQLException {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection()) {
      Array ids = c.createArrayOf("BIGINT", m.notices().toArray());
      if (refusal == null) {
        update(c, ids, "STATE = 'SENT', SENT_AT = ?, LAST_ERROR = NULL", now);
        LOG.info(
            () -> "event=workflow-notice-sent to=" + m.recipient() + " notices=" + m.notices());
      } else {
        String error = refusal.length() > 500 ? refusal.substring(0, 500) : refusal;
        update(
            c,
            ids,
            "STATE = CASE WHEN ATTEMPTS >= "
                + MAX_ATTEMPTS
                + " THEN 'FAILED' ELSE 'PENDING' END,"
                + " NEXT_AT = ?, LAST_ERROR = ?",
            now.plusMinutes(5),
            error);
        LOG.warning(() -> "event=workflow-notice-refused to=" + m.recipient() + " reason=" + error);
      }
    }
  }

  private static void update(Connection c, Array ids, String set, Object... values)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_WORKFLOW_NOTICE SET " + set + " WHERE ID = ANY (?)")) {
      int i = 1;
      for (Object value : values) {
        ps.setObject(i++, value);
      }
      ps.setArray(i, ids);
      ps.executeUpdate();
    }
  }
}
