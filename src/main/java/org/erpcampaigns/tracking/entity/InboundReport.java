package org.erpcampaigns.tracking.entity;

import java.util.List;
import java.util.Objects;

/**
 * What an inbound message in the bounce/reply mailbox says about one of our messages: a bounce
 * (hard, soft or refused by policy), a feedback report (a complaint, or a sender problem such as a
 * DMARC failure report), a reply, an automatic reply, a challenge-response mail that needs a
 * person, a read receipt, or an unsubscribe request sent to the List-Unsubscribe mailto.
 *
 * @param referencedMessageIds Message-IDs that may be ours: the returned message's Message-ID, or a
 *     reply's In-Reply-To and References, most specific first
 * @param unsubscribeToken the signed token found in the returned message's List-Unsubscribe header,
 *     a second way to find the message when its Message-ID is not returned; of an unsubscribe
 *     request, the token it names, the only way it identifies a message (null when none)
 * @param recipient the address the report is about (the failed recipient), or the replier or
 *     unsubscriber
 * @param status the RFC 3463 status code of a bounce (e.g. 5.1.1), else null
 * @param detail what the event's DETAIL says: severity, status, reason and server text of a bounce,
 *     the subject of a reply, the feedback type of a report, where an unsubscribe request named its
 *     token
 * @param server the server or provider whose format the report has (null for replies)
 * @param reason why a bounce bounced (null for anything else)
 * @param serverText the receiving server's own words: a bounce's diagnostic, a feedback report's
 *     type and domain, a challenge's subject; null when there are none
 */
public record InboundReport(
    Kind kind,
    List<String> referencedMessageIds,
    String unsubscribeToken,
    String recipient,
    String status,
    String detail,
    MailServer server,
    BounceReason reason,
    String serverText) {

  /** The kinds, as stored in CM_INBOUND_MAIL.KIND. */
  public enum Kind {
    HARD_BOUNCE,
    SOFT_BOUNCE,
    /** Refused for the sender's authentication, reputation or content: no suppression. */
    POLICY_BOUNCE,
    COMPLAINT,
    /** A feedback report that is no complaint (auth-failure, other): a sender problem. */
    FEEDBACK,
    REPLY,
    AUTO_REPLY,
    /** A challenge-response mail: a person must answer it for our mail to get through. */
    CHALLENGE,
    /** A message disposition notification (RFC 8098): never a reply. */
    READ_RECEIPT,
    DELIVERED,
    UNSUBSCRIBE
  }

  public InboundReport {
    Objects.requireNonNull(kind, "kind");
    referencedMessageIds = List.copyOf(referencedMessageIds);
  }

  /** A report that is no bounce: no server kind, reason or server text. */
  public InboundReport(
      Kind kind,
      List<String> referencedMessageIds,
      String unsubscribeToken,
      String recipient,
      String status,
      String detail) {
    this(kind, referencedMessageIds, unsubscribeToken, recipient, status, detail, null, null, null);
  }

  public boolean isBounce() {
    return kind == Kind.HARD_BOUNCE || kind == Kind.SOFT_BOUNCE || kind == Kind.POLICY_BOUNCE;
  }

  /** A report about the sender rather than the address: a policy bounce or a feedback report. */
  public boolean isSenderProblem() {
    return kind == Kind.POLICY_BOUNCE || kind == Kind.FEEDBACK;
  }
}
