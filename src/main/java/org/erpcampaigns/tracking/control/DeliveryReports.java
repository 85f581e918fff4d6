package org.erpcampaigns.tracking.control;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;

/**
 * Reads what arrives in the bounce/reply mailbox: RFC 3464 delivery status notifications
 * (multipart/report; report-type=delivery-status: Status 5.x.x is a hard bounce, 4.x.x a soft one),
 * RFC 5965 feedback reports (report-type=feedback-report, Feedback-Type abuse: a complaint),
 * unsubscribe requests sent to the List-Unsubscribe mailto ({@link UnsubscribeRequests}), and
 * replies (In-Reply-To / References). Reports come first, so a bounce that reaches us through the
 * unsubscribe address is still a bounce; an unsubscribe request comes before a reply, so "Re:
 * unsubscribe TOKEN" is an unsubscribe. Anything else is not understood and left to a human.
 */
public final class DeliveryReports {
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern UNSUBSCRIBE_TOKEN =
      Pattern.compile("/" + TrackingLinks.UNSUBSCRIBE_PATH + "([0-9a-z]+\\.[A-Za-z0-9_-]+)");
  private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");
  private static final int MAX_NESTING = 3;

  private DeliveryReports() {}

  /** What the message reports; empty when it is none of the understood kinds. */
  public static Optional<InboundReport> read(
      MimeMessage message, UnsubscribeRequests unsubscribeRequests)
      throws MessagingException, IOException {
    Optional<Part> report = findReport(message, 0);
    if (report.isPresent()) {
      ContentType type = new ContentType(report.get().getContentType());
      String reportType = lower(type.getParameter("report-type"));
      Multipart parts = (Multipart) report.get().getContent();
      if ("delivery-status".equals(reportType)) {
        return deliveryStatus(parts);
      }
      if ("feedback-report".equals(reportType)) {
        return feedback(parts);
      }
      return Optional.empty();
    }
    Optional<InboundReport> unsubscribe = unsubscribeRequests.read(message);
    if (unsubscribe.isPresent()) {
      return unsubscribe;
    }
    return reply(message);
  }

  private static Optional<Part> findReport(Part part, int depth)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/report")) {
      return Optional.of(part);
    }
    if (depth < MAX_NESTING && part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        Optional<Part> found = findReport(mp.getBodyPart(i), depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<InboundReport> deliveryStatus(Multipart parts)
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
    String code = statusCode(first(recipient, "Status"));
    Kind kind;
    if (code != null && code.startsWith("5")) {
      kind = Kind.HARD_BOUNCE;
    } else if (code != null && code.startsWith("4")) {
      kind = Kind.SOFT_BOUNCE;
    } else if ("failed".equals(action)) {
      kind = Kind.HARD_BOUNCE;
    } else if ("delayed".equals(action)) {
      kind = Kind.SOFT_BOUNCE;
    } else if ("delivered".equals(action) || "relayed".equals(action)) {
      kind = Kind.DELIVERED;
    } else {
      return Optional.empty();
    }
    String address = address(first(recipient, "Final-Recipient"));
    if (address == null) {
      address = address(first(recipient, "Original-Recipient"));
    }
    String diagnostic = first(recipient, "Diagnostic-Code");
    String detail =
        (kind == Kind.HARD_BOUNCE ? "hard" : kind == Kind.SOFT_BOUNCE ? "soft" : "delivered")
            + (code == null ? "" : " " + code)
            + (diagnostic == null ? "" : " " + diagnostic.replaceAll("\\s+", " ").strip());
    Returned returned = returned(parts);
    return Optional.of(
        new InboundReport(kind, returned.messageIds, returned.token, address, code, detail));
  }

  private static Optional<InboundReport> feedback(Multipart parts)
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
    if (type == null || "not-spam".equals(type)) {
      return Optional.empty();
    }
    Returned returned = returned(parts);
    String address = address(first(fields, "Original-Rcpt-To"));
    return Optional.of(
        new InboundReport(
            Kind.COMPLAINT,
            returned.messageIds,
            returned.token,
            address,
            null,
            "feedback "
                + type
                + (first(fields, "User-Agent") == null
                    ? ""
                    : " from " + first(fields, "User-Agent"))));
  }

  private static Optional<InboundReport> reply(MimeMessage message) throws MessagingException {
    List<String> ids = new ArrayList<>();
    ids.addAll(messageIds(message.getHeader("In-Reply-To", " ")));
    List<String> references = messageIds(message.getHeader("References", " "));
    // the message replied to is the last reference
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!ids.contains(references.get(i))) {
        ids.add(references.get(i));
      }
    }
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String auto = lower(message.getHeader("Auto-Submitted", null));
    String precedence = lower(message.getHeader("Precedence", null));
    boolean automatic =
        (auto != null && !auto.startsWith("no"))
            || message.getHeader("X-Autoreply") != null
            || message.getHeader("X-Autorespond") != null
            || "auto_reply".equals(precedence);
    String from =
        message.getFrom() == null || message.getFrom().length == 0
            ? null
            : address(message.getFrom()[0].toString());
    String subject = message.getSubject();
    return Optional.of(
        new InboundReport(
            automatic ? Kind.AUTO_REPLY : Kind.REPLY,
            ids,
            null,
            from,
            null,
            subject == null ? "" : subject.strip()));
  }

  private record Returned(List<String> messageIds, String token) {}

  /** The Message-ID and unsubscribe token in the returned message or its headers. */
  private static Returned returned(Multipart parts) throws MessagingException, IOException {
    BodyPart original =
        part(
            parts,
            "message/rfc822",
            "text/rfc822-headers",
            "message/rfc822-headers",
            "message/global",
            "message/global-headers");
    if (original == null) {
      return new Returned(List.of(), null);
    }
    InternetHeaders headers;
    try (InputStream in = original.getInputStream()) {
      headers = new InternetHeaders(in);
    }
    List<String> ids = messageIds(headers.getHeader("Message-ID", " "));
    String token = null;
    String unsubscribe = headers.getHeader("List-Unsubscribe", " ");
    if (unsubscribe != null) {
      Matcher m = UNSUBSCRIBE_TOKEN.matcher(unfold(unsubscribe));
      token = m.find() ? m.group(1) : null;
    }
    return new Returned(ids, token);
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
    return values == null || values.length == 0 ? null : unfold(values[0]).strip();
  }

  /** "rfc822; Someone@Example.com" → someone@example.com; null when there is no address. */
  static String address(String field) {
    if (field == null) {
      return null;
    }
    String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
    Matcher angle = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>").matcher(value);
    String address = angle.find() ? angle.group(1) : value.strip();
    return address.contains("@") ? address.toLowerCase(Locale.ROOT) : null;
  }

  private static String statusCode(String field) {
    if (field == null) {
      return null;
    }
    Matcher m = STATUS.matcher(field);
    return m.find() ? m.group() : null;
  }

  static List<String> messageIds(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher m = MESSAGE_ID.matcher(unfold(header));
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  private static String unfold(String value) {
    try {
      return MimeUtility.unfold(MimeUtility.decodeText(value));
    } catch (UnsupportedEncodingException e) {
      return MimeUtility.unfold(value);
    }
  }

  private static String lower(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
