package org.erpcampaigns.tracking.control;

import static org.erpcampaigns.tracking.entity.BounceReason.AUTHENTICATION;
import static org.erpcampaigns.tracking.entity.BounceReason.CONTENT;
import static org.erpcampaigns.tracking.entity.BounceReason.DELAYED;
import static org.erpcampaigns.tracking.entity.BounceReason.GREYLISTED;
import static org.erpcampaigns.tracking.entity.BounceReason.MAILBOX_DISABLED;
import static org.erpcampaigns.tracking.entity.BounceReason.MAILBOX_FULL;
import static org.erpcampaigns.tracking.entity.BounceReason.MESSAGE_TOO_LARGE;
import static org.erpcampaigns.tracking.entity.BounceReason.NO_SUCH_DOMAIN;
import static org.erpcampaigns.tracking.entity.BounceReason.POLICY;
import static org.erpcampaigns.tracking.entity.BounceReason.RATE_LIMITED;
import static org.erpcampaigns.tracking.entity.BounceReason.REPUTATION;
import static org.erpcampaigns.tracking.entity.BounceReason.TEMPORARY;
import static org.erpcampaigns.tracking.entity.BounceReason.UNDELIVERABLE;
import static org.erpcampaigns.tracking.entity.BounceReason.USER_UNKNOWN;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.entity.BounceReason;
import org.erpcampaigns.tracking.entity.BounceReason.Severity;

/**
 * Why a bounce bounced, decided by reason rather than by the first digit of its status: first the
 * server's words (a table of patterns, the most specific first: a "5.0.0 mailbox full" is a full
 * mailbox, a "5.7.26 ... DMARC" a policy refusal), then the RFC 3463 status code, then the RFC 5321
 * reply code. A temporary status (4.x.x) never makes a hard bounce, whatever its words say: the
 * server is still willing to try.
 */
public final class BounceReasons {

  /** The decision: the reason and what it means for the address. */
  public record Verdict(BounceReason reason, Severity severity) {}

  private record Rule(BounceReason reason, Pattern words) {}

  private static Rule rule(BounceReason reason, String regex) {
    return new Rule(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  /** The servers' words, in the order they are tried. */
  private static final List<Rule> WORDS =
      List.of(
          rule(
              MAILBOX_FULL,
              "mailbox (?:is )?full|over (?:the allowed )?quota|quota (?:exceeded|exceded|full)"
                  + "|exceeded (?:its |the )?(?:storage|quota|mailbox)|storage allocation"
                  + "|insufficient (?:disk )?(?:space|storage) (?:in|for) (?:the )?mailbox"
                  + "|mailfolder is full|diskspace quota|out of (?:storage|space)"
                  + "|QuotaExceeded|user has exhausted|mailbox size limit"),
          rule(
              MESSAGE_TOO_LARGE,
              "message (?:size )?(?:is )?too (?:big|large)|message size exceeds|size limit exceeded"
                  + "|exceeds (?:the )?(?:maximum|fixed) (?:message )?size|message length exceeds"
                  + "|larger than the (?:current )?system limit"),
          rule(
              RATE_LIMITED,
              "rate limit|too many (?:messages|connections|recipients|emails)|unusual rate"
                  + "|receiving mail at a rate|rate that prevents"
                  + "|sending rate|throttl|try again later: too many|temporarily deferred due to"
                  + " user complaints|4\\.7\\.28"),
          rule(GREYLISTED, "gr[ae]y-?list|greylisting in action|deferred for \\d+ seconds"),
          // the receiver's systems, not the address: a retry may get through
          rule(
              TEMPORARY,
              "retry timeout exceeded|malformed or unexpected name server reply|dns query failed"
                  + "|host not found, try again"
                  + "|routing loop|too many hops|hop count exceeded|network error"
                  + "|connection (?:timed out|refused)|host (?:is )?(?:not reachable|unreachable)"
                  + "|delivery temporarily suspended|internal (?:system|server) error"
                  + "|system (?:error|failure)|message expired|queued too long|envelope expired"
                  + "|did not accept our requests to connect|socket error"),
          // our side: the sender address, our host's name and IP, our MTA's protocol
          rule(
              POLICY,
              "sender (?:address )?rejected|domain of sender address|sender (?:domain|address)"
                  + " (?:does not exist|must resolve|is invalid|unknown)|sender verify failed"
                  + "|my name was rejected|no ptr|ptr record|reverse (?:dns|lookup)"
                  + "|mismatches client ip|open relay|insecure mail relay|not accepting connections"
                  + "|relay(?:ing)? (?:denied|not permitted|access denied)|protocol violation"
                  + "|improper sequence of commands|command parameter not implemented"
                  + "|improper use of 8-bit|headers too large"),
          rule(
              AUTHENTICATION,
              "\\bdmarc\\b|\\bspf\\b|\\bdkim\\b|unauthenticated (?:e-?)?mail|sender is unauthenticated"
                  + "|sender policy framework|authentication (?:check )?fail|not authenticated"
                  + "|5\\.7\\.(?:2[3-7]|509|515)\\b"),
          rule(
              REPUTATION,
              "spamhaus|spamcop|sorbs|barracudacentral|\\bdnsbl\\b|\\brbl\\b|blacklist|blocklist"
                  + "|block list|black list|blocked using|listed (?:at|in|on) |reputation"
                  + "|client host \\S* ?(?:\\[[^\\]]*\\] )?blocked|banned sending ip"
                  + "|\\[TSS\\d+\\]|poor sending"),
          rule(
              CONTENT,
              "\\bspam\\b|unsolicited|content (?:rejected|filter)|message content|virus|malware"
                  + "|phish|suspicious|bulk (?:e-?mail )?filter|junk mail|looks like spam"
                  + "|message (?:was )?(?:blocked|rejected) (?:by|due to) (?:the )?(?:content|spam)"),
          rule(
              MAILBOX_DISABLED,
              "mailbox (?:is )?(?:disabled|inactive|suspended|closed|not active)"
                  + "|account (?:is )?(?:disabled|inactive|suspended|closed|expired|deactivated)"
                  + "|user is terminated|recipient (?:is )?(?:disabled|inactive|suspended)"
                  + "|address (?:is )?(?:disabled|inactive|no longer (?:active|valid))"
                  + "|disabled recipient|temporar(?:y|ily) locked|recipient account is blocked"),
          rule(
              USER_UNKNOWN,
              "user (?:is )?unknown|unknown (?:user|recipient|local part|mailbox|address)"
                  + "|no such (?:user|mailbox|recipient|address|account)|does not exist"
                  + "|doesn't exist|doesn't have an? \\S+ account|not (?:a )?valid (?:recipient|mailbox|user)"
                  + "|invalid (?:recipient|mailbox|address|user)|recipient not found"
                  + "|RecipientNotFound|RecipNotFound|address (?:couldn't|could not) be found"
                  + "|no mailbox here|mailbox unavailable|mailbox not found|user not found"
                  + "|not our customer|unrouteable address|account that you tried to reach"
                  + " does not exist|recipient address rejected: (?:user unknown|undeliverable)"
                  + "|addressee unknown|unknown or illegal alias|no longer (?:with|on) "
                  // Office 365's directory-based edge blocking: the recipient does not exist
                  + "|AS\\(201806281\\)|5\\.4\\.1 [^\\n]*access denied"
                  + "|has moved|no forwarding address|bad destination mailbox|address syntax"),
          rule(
              NO_SUCH_DOMAIN,
              "host or domain name not found|domain (?:not found|does not exist|name not found)"
                  + "|no such domain|name service error|nxdomain|no (?:mx|mail exchanger) (?:record|host)"
                  + "|unrouteable domain|null mx|does not accept mail"
                  + "|domain (?:is )?(?:invalid|unknown)|unknown domain"
                  + "|(?:couldn't|could not) find any host|bad destination system"
                  + "|not accepting network messages|domain is not reachable|no mx found"),
          rule(
              POLICY,
              "policy|not allowed|relay(?:ing)? (?:denied|not permitted|access denied)"
                  + "|access denied|administrative prohibition|prohibited|not authori[sz]ed"
                  + "|authentication required|restricted|refused"));

  /** Words too vague to overrule a specific status code: tried after the status. */
  private static final List<Rule> VAGUE_WORDS =
      List.of(
          rule(
              TEMPORARY,
              "service (?:is )?(?:currently |temporarily )?(?:unavailable|not available)"),
          rule(POLICY, "\\bblocked\\b|\\brejected\\b|\\bdenied\\b|not accepted"));

  /**
   * A refusal before any recipient was named (at the greeting, HELO or MAIL FROM) is about the
   * sender, whatever its words say about "addresses".
   */
  private static final Pattern SENDER_STAGE =
      Pattern.compile(
          "after (?:MAIL FROM|initial connection|connection|HELO|EHLO|greeting)"
              + "|in reply to (?:MAIL FROM|HELO|EHLO) command|MAIL FROM command",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
  private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.#])([45]\\d\\d)(?=[ :-]|$)");

  /** Status codes by subject.detail (RFC 3463, with the registry's 7.x additions). */
  private static final Map<String, BounceReason> BY_STATUS =
      Map.ofEntries(
          Map.entry("1.1", USER_UNKNOWN),
          Map.entry("1.3", USER_UNKNOWN),
          Map.entry("1.6", USER_UNKNOWN),
          Map.entry("1.2", NO_SUCH_DOMAIN),
          Map.entry("1.10", NO_SUCH_DOMAIN),
          Map.entry("4.4", NO_SUCH_DOMAIN),
          Map.entry("2.1", MAILBOX_DISABLED),
          Map.entry("2.2", MAILBOX_FULL),
          Map.entry("2.3", MESSAGE_TOO_LARGE),
          Map.entry("3.4", MESSAGE_TOO_LARGE),
          Map.entry("4.7", TEMPORARY),
          Map.entry("1.7", POLICY),
          Map.entry("1.8", POLICY),
          Map.entry("3.0", TEMPORARY),
          Map.entry("3.1", TEMPORARY),
          Map.entry("3.2", TEMPORARY),
          Map.entry("3.5", TEMPORARY),
          Map.entry("4.0", TEMPORARY),
          Map.entry("4.1", TEMPORARY),
          Map.entry("4.2", TEMPORARY),
          Map.entry("4.3", TEMPORARY),
          Map.entry("4.6", TEMPORARY),
          Map.entry("7.1", POLICY),
          Map.entry("7.23", AUTHENTICATION),
          Map.entry("7.24", AUTHENTICATION),
          Map.entry("7.25", AUTHENTICATION),
          Map.entry("7.26", AUTHENTICATION),
          Map.entry("7.27", AUTHENTICATION),
          Map.entry("7.509", AUTHENTICATION),
          Map.entry("7.515", AUTHENTICATION),
          Map.entry("7.28", RATE_LIMITED));

  private BounceReasons() {}

  /**
   * The verdict on a bounce.
   *
   * @param status the RFC 3463 status (may be null)
   * @param words the server's words, e.g. a Diagnostic-Code (may be null)
   * @param delayed whether the report only warns of a delay (DSN Action: delayed)
   */
  public static Verdict judge(String status, String words, boolean delayed) {
    // folded header lines keep their indentation: one space between words
    String text = words == null ? null : words.replaceAll("\\s+", " ");
    String code = status == null ? statusIn(text) : status;
    boolean temporary = delayed || (code != null && code.startsWith("4"));
    if (code == null) {
      String reply = replyCode(text);
      temporary = temporary || (reply != null && reply.startsWith("4"));
    }
    BounceReason reason = byWords(text);
    if (code != null && code.endsWith(".0.0")) {
      // "Status: 5.0.0" over "550 5.1.1 ...": the server's own code says more
      String specific = statusIn(text);
      code = specific != null && specific.charAt(0) == code.charAt(0) ? specific : code;
    }
    if (reason == null && code != null) {
      String[] p = code.split("\\.");
      reason = BY_STATUS.get(p[1] + "." + p[2]);
      if (reason == null && ("7".equals(p[1]) || "5".equals(p[1]))) {
        reason = POLICY; // security and policy, or our MTA's protocol: the sender's problem
      }
      if (reason == null && "6".equals(p[1])) {
        reason = CONTENT; // the message's media or encoding
      }
    }
    if (reason == null) {
      reason = byWords(text, VAGUE_WORDS);
    }
    if (reason == null && code == null) {
      String reply = replyCode(text);
      if ("552".equals(reply)) {
        reason = MAILBOX_FULL;
      } else if (reply != null && reply.compareTo("500") >= 0 && reply.compareTo("504") <= 0) {
        reason = POLICY; // a command our MTA sent was not understood
      }
    }
    if (reason == null) {
      reason = delayed ? DELAYED : temporary ? TEMPORARY : UNDELIVERABLE;
    }
    if (reason.severity() == Severity.HARD && text != null && SENDER_STAGE.matcher(text).find()) {
      reason = POLICY;
    }
    Severity severity = reason.severity();
    if (temporary && severity == Severity.HARD) {
      severity = Severity.SOFT;
    }
    if (delayed && (reason.severity() == Severity.HARD || reason == TEMPORARY)) {
      reason = DELAYED; // still being tried: what it says now may not be the last word
    }
    return new Verdict(reason, severity);
  }

  /** The first reason whose words the text contains, or null. */
  static BounceReason byWords(String text) {
    return byWords(text, WORDS);
  }

  private static BounceReason byWords(String text, List<Rule> rules) {
    if (text == null || text.isBlank()) {
      return null;
    }
    for (Rule r : rules) {
      if (r.words().matcher(text).find()) {
        return r.reason();
      }
    }
    return null;
  }

  /** The first RFC 3463 status code in a text ("550 5.1.1 ...", "#5.1.1"), or null. */
  public static String statusIn(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = STATUS.matcher(text);
    return m.find() ? m.group() : null;
  }

  /** The first RFC 5321 reply code in a text ("550 ...", "554-..."), or null. */
  public static String replyCode(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = REPLY_CODE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** A status for a bounce that gives only a reply code: 5.0.0 or 4.0.0, null without either. */
  public static String statusOfReplyCode(String text) {
    String reply = replyCode(text);
    return reply == null ? null : reply.charAt(0) + ".0.0";
  }
}
