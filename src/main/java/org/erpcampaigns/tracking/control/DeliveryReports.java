package org.erpcampaigns.tracking.control;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.control.BounceFormats.Format;
import org.erpcampaigns.tracking.control.BounceReasons.Verdict;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;
import org.erpcampaigns.tracking.entity.MailServer;

/**
 * Reads what arrives in the bounce/reply mailbox, in this order: RFC 3464 delivery status
 * notifications, RFC 5965 feedback reports and RFC 8098 read receipts (multipart/report); Amazon
 * SES notifications ({@link SesNotifications}); plain-text bounces in the formats of {@link
 * BounceFormats}; unsubscribe requests sent to the List-Unsubscribe mailto ({@link
 * UnsubscribeRequests}); and answers, told apart by {@link AutoReplies} into replies, automatic
 * replies and challenge-response mails. Every bounce is judged by {@link BounceReasons}: hard, soft
 * or refused by policy, by reason rather than by the first digit. Reports come first, so a bounce
 * that reaches us through the unsubscribe address is still a bounce; an unsubscribe request comes
 * before a reply, so "Re: unsubscribe TOKEN" is an unsubscribe. Anything else is not understood and
 * left to a human.
 */
public final class DeliveryReports {
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern QUOTED_MESSAGE_ID =
      Pattern.compile(
          "^[ \\t>]*Message-ID:\\s*(<[^<>\\s]+>)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern UNSUBSCRIBE_TOKEN =
      Pattern.compile("/" + TrackingLinks.UNSUBSCRIBE_PATH + "([0-9a-z]+\\.[A-Za-z0-9_-]+)");
  private static final Pattern DAEMON =
      Pattern.compile(
          "mailer-daemon|postmaster|mail-?daemon|mail delivery (?:system|subsystem)|mailerdaemon"
              + "|^bounces?[@+]",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "^\\s*(?:undeliver(?:ed|able)|mail delivery failed|returned mail|failure notice"
              + "|delivery status notification|delivery (?:failure|failed|status)|mail failure"
              + "|non remis|unzustellbar|nicht zustellbar|onbestelbaar|non recapitabile"
              + "|impossibile recapitare|message not delivered|warning: (?:message|could not)"
              + "|delayed mail|undelivered mail)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DELAY_WORDS =
      Pattern.compile(
          "has been delayed|not yet been delivered|will (?:keep|continue) (?:on )?trying"
              + "|still trying|delivery (?:is |has been )?delayed|temporary failure"
              + "|is delayed for more than|delivery attempts will continue|will be retried",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus");
  private static final int MAX_NESTING = 3;

  private DeliveryReports() {}

  /** What the message reports; empty when it is none of the understood kinds. */
  public static Optional<InboundReport> read(
      MimeMessage message, UnsubscribeRequests unsubscribeRequests)
      throws MessagingException, IOException {
    MailText text = MailText.of(message);
    Optional<Part> report = findReport(message, 0);
    if (report.isPresent()) {
      ContentType type = new ContentType(report.get().getContentType());
      String reportType = lower(type.getParameter("report-type"));
      if ("delivery-status".equals(reportType)) {
        Optional<InboundReport> dsn = Optional.empty();
        try {
          dsn = deliveryStatus((Multipart) report.get().getContent(), text);
        } catch (MessagingException e) {
          // broken MIME: read as the plain-text bounce that it also is
        }
        return dsn.isPresent() ? dsn : plainBounce(message, text);
      }
      Multipart parts = (Multipart) report.get().getContent();
      if ("feedback-report".equals(reportType)) {
        return feedback(parts, text);
      }
      if ("disposition-notification".equals(reportType)) {
        return readReceipt(message, parts, text);
      }
      return Optional.empty();
    }
    Optional<InboundReport> ses = SesNotifications.read(text);
    if (ses.isPresent()) {
      return ses;
    }
    if (looksLikeBounce(message)) {
      return plainBounce(message, text); // never a reply, even with In-Reply-To
    }
    Optional<InboundReport> unsubscribe = unsubscribeRequests.read(message);
    if (unsubscribe.isPresent()) {
      return unsubscribe;
    }
    return answer(message, text);
  }

  private static Optional<Part> findReport(Part part, int depth)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/report")) {
      return Optional.of(part);
    }
    if (depth < MAX_NESTING && part.isMimeType("multipart/*")) {
      Multipart mp;
      try {
        mp = (Multipart) part.getContent();
      } catch (MessagingException e) {
        return Optional.empty(); // broken MIME below the top: no report in it
      }
      for (int i = 0; i < mp.getCount(); i++) {
        Optional<Part> found = findReport(mp.getBodyPart(i), depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  // --- RFC 3464 ---

  private static Optional<InboundReport> deliveryStatus(Multipart parts, MailText text)
      throws MessagingException, IOException {
    BodyPart status = part(parts, "message/delivery-status", "message/global-delivery-status");
    if (status == null) {
      return Optional.empty();
    }
    List<InternetHeaders> groups = fieldGroups(status);
    if (groups.size() < 2) {
      return Optional.empty(); // per-message fields and at least one recipient are required
    }
    // the first recipient that failed, else the first delayed, else the first at all
    InternetHeaders recipient = null;
    for (String wanted : new String[] {"failed", "delayed", null}) {
      for (InternetHeaders g : groups.subList(1, groups.size())) {
        String action = lower(first(g, "Action"));
        if (recipient == null && (wanted == null || wanted.equals(action))) {
          recipient = g;
        }
      }
    }
    String action = lower(first(recipient, "Action"));
    String code = BounceReasons.statusIn(first(recipient, "Status"));
    String address = address(first(recipient, "Final-Recipient"));
    if (address == null) {
      address = address(first(recipient, "Original-Recipient"));
    }
    String diagnostic = first(recipient, "Diagnostic-Code");
    Returned returned = returned(text, null);
    Format format = BounceFormats.identify(text.fingerprint());
    MailServer server = format.server();
    if (diagnostic == null) {
      diagnostic = Format.find(format.diagnostic(), text.body); // the notification's own words
    }
    if ("delivered".equals(action)
        || "relayed".equals(action)
        || "expanded".equals(action)
        || (code != null && code.startsWith("2"))) { // 2.x.x is success, whatever the action
      return Optional.of(
          new InboundReport(
              Kind.DELIVERED,
              returned.messageIds,
              returned.token,
              address,
              code,
              "delivered" + (code == null ? "" : " " + code),
              server,
              null,
              diagnostic));
    }
    if (code == null && !"failed".equals(action) && !"delayed".equals(action)) {
      return Optional.empty();
    }
    Verdict verdict = BounceReasons.judge(code, diagnostic, "delayed".equals(action));
    if (code == null) {
      code = "delayed".equals(action) ? "4.0.0" : "5.0.0";
    }
    return Optional.of(
        bounce(returned.messageIds, returned.token, address, code, verdict, diagnostic, server));
  }

  /** A bounce report of the verdict; its detail starts with hard, soft or policy and the status. */
  static InboundReport bounce(
      List<String> ids,
      String token,
      String address,
      String status,
      Verdict verdict,
      String words,
      MailServer server) {
    Kind kind =
        switch (verdict.severity()) {
          case HARD -> Kind.HARD_BOUNCE;
          case SOFT -> Kind.SOFT_BOUNCE;
          case POLICY -> Kind.POLICY_BOUNCE;
        };
    String serverText = words == null ? null : words.replaceAll("\\s+", " ").strip();
    String detail =
        verdict.severity().name().toLowerCase(Locale.ROOT)
            + (status == null ? "" : " " + status)
            + " "
            + verdict.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + (serverText == null || serverText.isEmpty() ? "" : ": " + serverText);
    return new InboundReport(
        kind, ids, token, address, status, detail, server, verdict.reason(), serverText);
  }

  // --- plain-text bounces ---

  /** A bounce by its sender, its X-Failed-Recipients or its subject: never a person's reply. */
  private static boolean looksLikeBounce(MimeMessage message) throws MessagingException {
    if (message.getHeader("X-Failed-Recipients") != null) {
      return true;
    }
    String from = MailText.header(message, "From");
    String subject = MailText.header(message, "Subject");
    String returnPath = MailText.header(message, "Return-Path");
    boolean daemon = from != null && DAEMON.matcher(from).find();
    boolean bounceSubject = subject != null && BOUNCE_SUBJECT.matcher(subject).find();
    boolean nullSender = returnPath != null && returnPath.replace(" ", "").equals("<>");
    return daemon || (bounceSubject && (nullSender || message.getHeader("In-Reply-To") == null));
  }

  private static Optional<InboundReport> plainBounce(MimeMessage message, MailText text)
      throws MessagingException, IOException {
    Format format = BounceFormats.identify(text.fingerprint());
    String bounceText = text.body;
    Pattern originalStart =
        format.original() != null ? format.original() : BounceFormats.OTHER.original();
    Matcher start = originalStart.matcher(bounceText);
    String original = null;
    if (start.find()) {
      original = bounceText.substring(start.start());
      bounceText = bounceText.substring(0, start.start());
    }
    String address = null;
    String failed = MailText.header(message, "X-Failed-Recipients");
    if (failed != null) {
      address = address(failed.split(",")[0]);
    }
    if (address == null) {
      address = address(Format.find(format.recipient(), bounceText));
    }
    if (address == null) {
      address = address(Format.find(BounceFormats.OTHER.recipient(), bounceText));
    }
    String diagnostic = Format.find(format.diagnostic(), bounceText);
    if (diagnostic == null) {
      diagnostic = Format.find(BounceFormats.OTHER.diagnostic(), bounceText);
    }
    String status = BounceReasons.statusIn(diagnostic);
    if (status == null) {
      status = BounceReasons.statusIn(bounceText);
    }
    if (status == null) {
      status = BounceReasons.statusOfReplyCode(diagnostic);
    }
    boolean delayed =
        (status == null || status.startsWith("4")) && DELAY_WORDS.matcher(bounceText).find();
    if (status == null && delayed) {
      status = "4.0.0"; // a delay warning in words only
    }
    if (status == null && BounceReasons.byWords(diagnostic) == null) {
      return Optional.empty(); // no code, no words: nothing to judge on
    }
    Verdict verdict = BounceReasons.judge(status, diagnostic, delayed);
    Returned returned = returned(text, original);
    return Optional.of(
        bounce(
            returned.messageIds,
            returned.token,
            address,
            status,
            verdict,
            diagnostic,
            format.server()));
  }

  // --- RFC 5965 ---

  private static Optional<InboundReport> feedback(Multipart parts, MailText text)
      throws MessagingException, IOException {
    BodyPart report = part(parts, "message/feedback-report");
    if (report == null) {
      return Optional.empty();
    }
    List<InternetHeaders> groups = fieldGroups(report);
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    InternetHeaders fields = groups.get(0);
    String type = lower(first(fields, "Feedback-Type"));
    if (type == null) {
      return Optional.empty();
    }
    Returned returned = returned(text, null);
    String address = address(first(fields, "Original-Rcpt-To"));
    StringBuilder words = new StringBuilder(type);
    for (String field :
        List.of("Auth-Failure", "Reported-Domain", "Delivery-Result", "User-Agent")) {
      String value = first(fields, field);
      if (value != null) {
        words.append("; ").append(field).append(": ").append(value);
      }
    }
    return Optional.of(
        feedbackOf(
            type,
            returned.messageIds,
            returned.token,
            address,
            words.toString(),
            BounceFormats.identify(text.fingerprint()).server()));
  }

  /** Abuse, fraud and virus reports are complaints; auth-failure and the others sender problems. */
  static InboundReport feedbackOf(
      String type,
      List<String> ids,
      String token,
      String address,
      String words,
      MailServer server) {
    boolean complaint = COMPLAINTS.contains(type);
    return new InboundReport(
        complaint ? Kind.COMPLAINT : Kind.FEEDBACK,
        ids,
        token,
        address,
        null,
        "feedback " + type + (words.equals(type) ? "" : " (" + words + ")"),
        server,
        null,
        words);
  }

  // --- RFC 8098 ---

  private static Optional<InboundReport> readReceipt(
      MimeMessage message, Multipart parts, MailText text) throws MessagingException, IOException {
    BodyPart notification = part(parts, "message/disposition-notification");
    if (notification == null) {
      return Optional.empty();
    }
    List<InternetHeaders> groups = fieldGroups(notification);
    InternetHeaders fields = groups.isEmpty() ? null : groups.get(0);
    List<String> ids = new ArrayList<>(messageIds(first(fields, "Original-Message-ID")));
    for (String id : references(message)) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    String address = address(first(fields, "Final-Recipient"));
    String disposition = first(fields, "Disposition");
    return Optional.of(
        new InboundReport(
            Kind.READ_RECEIPT,
            ids,
            returned(text, null).token,
            address,
            null,
            "read receipt" + (disposition == null ? "" : " " + disposition),
            null,
            null,
            disposition));
  }

  // --- answers ---

  private static Optional<InboundReport> answer(MimeMessage message, MailText text)
      throws MessagingException {
    List<String> ids = references(message);
    boolean challenge = AutoReplies.isChallenge(message, text);
    if (ids.isEmpty() && challenge) {
      ids = quotedMessageIds(text.body); // a challenge may only quote what it holds back
    }
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String from =
        message.getFrom() == null || message.getFrom().length == 0
            ? null
            : address(message.getFrom()[0].toString());
    String subject = message.getSubject();
    subject = subject == null ? "" : subject.strip();
    Kind kind =
        challenge
            ? Kind.CHALLENGE
            : AutoReplies.isAutomatic(message) ? Kind.AUTO_REPLY : Kind.REPLY;
    return Optional.of(
        new InboundReport(
            kind,
            ids,
            null,
            from,
            null,
            subject,
            null,
            null,
            kind == Kind.CHALLENGE ? subject : null));
  }

  /** In-Reply-To, then References from the last (the message replied to) to the first. */
  private static List<String> references(MimeMessage message) throws MessagingException {
    List<String> ids = new ArrayList<>(messageIds(message.getHeader("In-Reply-To", " ")));
    List<String> references = messageIds(message.getHeader("References", " "));
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!ids.contains(references.get(i))) {
        ids.add(references.get(i));
      }
    }
    return ids;
  }

  private record Returned(List<String> messageIds, String token) {}

  /**
   * The Message-ID and unsubscribe token of the returned message: from its own part, else from the
   * quoted text (the original section of a plain-text bounce, or its whole text).
   */
  private static Returned returned(MailText text, String quoted)
      throws MessagingException, IOException {
    if (text.returned != null) {
      InternetHeaders headers;
      try (InputStream in = text.returned.getInputStream()) {
        headers = new InternetHeaders(in);
      }
      List<String> ids = messageIds(headers.getHeader("Message-ID", " "));
      String token = null;
      String unsubscribe = headers.getHeader("List-Unsubscribe", " ");
      if (unsubscribe != null) {
        Matcher m = UNSUBSCRIBE_TOKEN.matcher(MailText.decoded(unsubscribe));
        token = m.find() ? m.group(1) : null;
      }
      if (!ids.isEmpty() || token != null || quoted == null) {
        return new Returned(ids, token);
      }
    }
    String where = quoted != null ? quoted : text.body;
    Matcher m = UNSUBSCRIBE_TOKEN.matcher(where);
    return new Returned(quotedMessageIds(where), m.find() ? m.group(1) : null);
  }

  private static List<String> quotedMessageIds(String text) {
    List<String> ids = new ArrayList<>();
    Matcher m = QUOTED_MESSAGE_ID.matcher(text);
    while (m.find()) {
      if (!ids.contains(m.group(1))) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  /** The groups of fields of a report part, separated by blank lines (RFC 3464 §2.1). */
  private static List<InternetHeaders> fieldGroups(BodyPart part)
      throws MessagingException, IOException {
    byte[] body;
    try (InputStream in = part.getInputStream()) {
      body = in.readAllBytes();
    }
    List<InternetHeaders> groups = new ArrayList<>();
    // normalise line ends and split on blank lines ourselves: InternetHeaders reads one group
    String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
    for (String block : text.split("\n[ \t]*\n")) {
      if (block.isBlank()) {
        continue;
      }
      InternetHeaders h =
          new InternetHeaders(
              new ByteArrayInputStream(
                  (block.strip() + "\r\n\r\n")
                      .replace("\n", "\r\n")
                      .replace("\r\r\n", "\r\n")
                      .getBytes(StandardCharsets.UTF_8)));
      if (h.getAllHeaders().hasMoreElements()) {
        groups.add(h);
      }
    }
    return groups;
  }

  private static BodyPart part(Multipart parts, String... types) throws MessagingException {
    for (String type : types) {
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart p = parts.getBodyPart(i);
        if (p.isMimeType(type)) {
          return p;
        }
      }
    }
    return null;
  }

  private static String first(InternetHeaders h, String name) {
    if (h == null) {
      return null;
    }
    String[] values = h.getHeader(name);
    return values == null || values.length == 0 ? null : MailText.decoded(values[0]).strip();
  }

  /** "rfc822; Someone@Example.com" → someone@example.com; null when there is no address. */
  static String address(String field) {
    if (field == null) {
      return null;
    }
    String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
    Matcher angle = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>").matcher(value);
    String address = angle.find() ? angle.group(1) : value.strip();
    address = address.replaceAll("^[\"'(]+|[\"'):,.]+$", "");
    return address.contains("@") && !address.contains(" ")
        ? address.toLowerCase(Locale.ROOT)
        : null;
  }

  static List<String> messageIds(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher m = MESSAGE_ID.matcher(MailText.decoded(header));
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  private static String lower(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
