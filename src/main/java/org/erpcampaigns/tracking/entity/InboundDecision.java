package org.erpcampaigns.tracking.entity;

import java.time.LocalDateTime;

/**
 * What one inbound report about one of our messages was and what was done about it: a bounce with
 * its reason and the server's words, a feedback report, a challenge-response mail.
 *
 * @param email the address the message was sent to
 * @param reportedBy the address the report names: the failed recipient, or the sender of an answer
 * @param kind InboundReport.Kind's name
 * @param server the mail server whose format the report had (null for answers)
 * @param status the bounce's RFC 3463 status (null for anything else)
 * @param reason the bounce's reason (BounceReason's name), null for anything else
 * @param serverText the server's own words, a feedback report's type, a challenge's subject
 * @param decision InboundMail.Decision's name: SUPPRESSED, ESCALATED, COUNTED, SENDER_PROBLEM,
 *     NEEDS_ATTENTION, RECORDED
 */
public record InboundDecision(
    LocalDateTime receivedAt,
    long outboxId,
    long mailingId,
    String email,
    String reportedBy,
    String kind,
    String server,
    String status,
    String reason,
    String serverText,
    String decision) {}
