package org.erpcampaigns.tracking.entity;

import java.util.List;
import java.util.Objects;

/**
 * What an inbound message in the bounce/reply mailbox says about one of our messages: a bounce (RFC
 * 3464 delivery status notification), a complaint (RFC 5965 ARF abuse report), a reply, an
 * automatic reply, or an unsubscribe request sent to the List-Unsubscribe mailto.
 *
 * @param referencedMessageIds Message-IDs that may be ours: the returned message's Message-ID, or a
 *     reply's In-Reply-To and References, most specific first
 * @param unsubscribeToken the signed token found in the returned message's List-Unsubscribe header,
 *     a second way to find the message when its Message-ID is not returned; of an unsubscribe
 *     request, the token it names, the only way it identifies a message (null when none)
 * @param recipient the address the report is about (Final-/Original-Recipient), or the replier or
 *     unsubscriber
 * @param status the RFC 3463 status code of a bounce (e.g. 5.1.1), else null
 * @param detail what the event's DETAIL says: kind, status and diagnostic of a bounce, the subject
 *     of a reply, the feedback type of a complaint, where an unsubscribe request named its token
 */
public record InboundReport(
    Kind kind,
    List<String> referencedMessageIds,
    String unsubscribeToken,
    String recipient,
    String status,
    String detail) {

  /** The kinds, as stored in CM_INBOUND_MAIL.KIND. */
  public enum Kind {
    HARD_BOUNCE,
    SOFT_BOUNCE,
    COMPLAINT,
    REPLY,
    AUTO_REPLY,
    DELIVERED,
    UNSUBSCRIBE
  }

  public InboundReport {
    Objects.requireNonNull(kind, "kind");
    referencedMessageIds = List.copyOf(referencedMessageIds);
  }

  public boolean isBounce() {
    return kind == Kind.HARD_BOUNCE || kind == Kind.SOFT_BOUNCE;
  }
}
