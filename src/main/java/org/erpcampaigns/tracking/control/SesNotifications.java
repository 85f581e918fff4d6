package org.erpcampaigns.tracking.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.control.BounceReasons.Verdict;
import org.erpcampaigns.tracking.entity.BounceReason;
import org.erpcampaigns.tracking.entity.BounceReason.Severity;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;
import org.erpcampaigns.tracking.entity.MailServer;

/**
 * Amazon SES notifications sent by mail (an SNS e-mail or e-mail-JSON subscription): the JSON of a
 * Bounce, Complaint or Delivery notification, bare or inside the SNS envelope's "Message". SES
 * names the bounce type and subtype besides the receiver's own words; the words decide first, as
 * for any bounce, the subtype when they say nothing, and a Transient bounce is never hard.
 */
final class SesNotifications {
  private static final Pattern UNSUBSCRIBE_TOKEN =
      Pattern.compile("/" + TrackingLinks.UNSUBSCRIBE_PATH + "([0-9a-z]+\\.[A-Za-z0-9_-]+)");

  private static final Map<String, BounceReason> BY_SUBTYPE =
      Map.of(
          "mailboxfull", BounceReason.MAILBOX_FULL,
          "messagetoolarge", BounceReason.MESSAGE_TOO_LARGE,
          "contentrejected", BounceReason.CONTENT,
          "attachmentrejected", BounceReason.CONTENT,
          "noemail", BounceReason.USER_UNKNOWN);

  private SesNotifications() {}

  static Optional<InboundReport> read(MailText text) {
    String body = text.body.strip();
    int start = body.indexOf('{');
    // "notificationType" or "eventType" of SES, "Type" of the SNS envelope, maybe line-wrapped
    if (start < 0 || !body.replaceAll("\\r?\\n", "").contains("Type\"")) {
      return Optional.empty();
    }
    String object = body.substring(start, body.lastIndexOf('}') + 1);
    JsonObject json = parse(object);
    if (json == null) {
      json = parse(object.replaceAll("\\r?\\n", "")); // a mail client wrapped the long line
    }
    if (json == null) {
      return Optional.empty();
    }
    if (json.containsKey("Message")
        && json.get("Message").getValueType() == JsonValue.ValueType.STRING) {
      json = parse(json.getString("Message")); // the SNS envelope
      if (json == null) {
        return Optional.empty();
      }
    }
    String type = json.getString("notificationType", json.getString("eventType", ""));
    JsonObject mail = json.getJsonObject("mail");
    List<String> ids = new ArrayList<>();
    String token = null;
    if (mail != null) {
      JsonObject common = mail.getJsonObject("commonHeaders");
      if (common != null) {
        ids.addAll(DeliveryReports.messageIds(common.getString("messageId", null)));
      }
      JsonArray headers = mail.getJsonArray("headers");
      for (JsonValue v : headers == null ? List.<JsonValue>of() : headers) {
        JsonObject h = v.asJsonObject();
        String name = h.getString("name", "");
        if (name.equalsIgnoreCase("Message-ID")) {
          for (String id : DeliveryReports.messageIds(h.getString("value", null))) {
            if (!ids.contains(id)) {
              ids.add(id);
            }
          }
        } else if (name.equalsIgnoreCase("List-Unsubscribe")) {
          Matcher m = UNSUBSCRIBE_TOKEN.matcher(h.getString("value", ""));
          token = m.find() ? m.group(1) : null;
        }
      }
    }
    return switch (type) {
      case "Bounce" -> bounce(json.getJsonObject("bounce"), ids, token);
      case "Complaint" -> complaint(json.getJsonObject("complaint"), ids, token);
      case "Delivery" ->
          Optional.of(
              new InboundReport(
                  Kind.DELIVERED,
                  ids,
                  token,
                  first(json.getJsonObject("delivery"), "recipients"),
                  null,
                  "delivered",
                  MailServer.AMAZON_SES,
                  null,
                  null));
      default -> Optional.empty();
    };
  }

  private static Optional<InboundReport> bounce(JsonObject bounce, List<String> ids, String token) {
    if (bounce == null) {
      return Optional.empty();
    }
    JsonArray recipients = bounce.getJsonArray("bouncedRecipients");
    JsonObject r = recipients == null || recipients.isEmpty() ? null : recipients.getJsonObject(0);
    String address = r == null ? null : DeliveryReports.address(r.getString("emailAddress", null));
    String status = r == null ? null : BounceReasons.statusIn(r.getString("status", null));
    String diagnostic = r == null ? null : r.getString("diagnosticCode", null);
    String bounceType = bounce.getString("bounceType", "Undetermined");
    String subType = bounce.getString("bounceSubType", "General");
    boolean temporary = "Transient".equalsIgnoreCase(bounceType);
    Verdict verdict = BounceReasons.judge(status, diagnostic, false);
    BounceReason bySubtype = BY_SUBTYPE.get(subType.toLowerCase(Locale.ROOT));
    BounceReason reason = verdict.reason();
    Severity severity = verdict.severity();
    if (bySubtype != null
        && (reason == BounceReason.UNDELIVERABLE || reason == BounceReason.TEMPORARY)) {
      reason = bySubtype;
      severity = bySubtype.severity();
    }
    if (status == null && diagnostic == null && bySubtype == null) {
      // SES's own words only: Permanent is hard, Transient and Undetermined are soft
      reason =
          temporary || !"Permanent".equalsIgnoreCase(bounceType)
              ? BounceReason.TEMPORARY
              : BounceReason.UNDELIVERABLE;
      severity = reason.severity();
    }
    if ((temporary || "Undetermined".equalsIgnoreCase(bounceType)) && severity == Severity.HARD) {
      severity = Severity.SOFT;
    }
    String words =
        (diagnostic == null ? "" : diagnostic + " ") + "(SES " + bounceType + "/" + subType + ")";
    return Optional.of(
        DeliveryReports.bounce(
            ids,
            token,
            address,
            status,
            new Verdict(reason, severity),
            words,
            MailServer.AMAZON_SES));
  }

  private static Optional<InboundReport> complaint(
      JsonObject complaint, List<String> ids, String token) {
    if (complaint == null) {
      return Optional.empty();
    }
    String type = complaint.getString("complaintFeedbackType", "abuse").toLowerCase(Locale.ROOT);
    String address = first(complaint, "complainedRecipients");
    return Optional.of(
        DeliveryReports.feedbackOf(type, ids, token, address, "SES", MailServer.AMAZON_SES));
  }

  /** The first recipient's address of a list of recipients (objects or strings). */
  private static String first(JsonObject o, String name) {
    if (o == null || !(o.get(name) instanceof JsonArray a) || a.isEmpty()) {
      return null;
    }
    JsonValue v = a.get(0);
    if (v instanceof JsonString s) {
      return DeliveryReports.address(s.getString());
    }
    return v instanceof JsonObject obj
        ? DeliveryReports.address(obj.getString("emailAddress", null))
        : null;
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonValue v = reader.readValue();
      return v instanceof JsonObject o ? o : null;
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }
}
