package org.erpcampaigns.tracking.entity;

import java.time.LocalDateTime;

/**
 * A problem on the sender's side, as the receivers report it: refusals by policy (authentication,
 * reputation, content) and feedback reports that are no complaints (e.g. DMARC failure reports),
 * grouped by the receiving domain, the kind and the reason: "gmail.com rejects our mail for DMARC
 * (AUTHENTICATION), 41 times". No address is suppressed for them: the sender must fix them.
 *
 * @param domain the domain of the addresses mailed
 * @param kind POLICY_BOUNCE or FEEDBACK
 * @param reason the policy bounce's reason (AUTHENTICATION, REPUTATION, CONTENT, POLICY), null for
 *     a feedback report
 * @param reports how many reports
 * @param lastReceivedAt when the last of them arrived
 * @param example the server's words in one of them
 */
public record SenderProblem(
    String domain,
    String kind,
    String reason,
    long reports,
    LocalDateTime lastReceivedAt,
    String example) {}
