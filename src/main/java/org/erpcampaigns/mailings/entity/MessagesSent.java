package org.erpcampaigns.mailings.entity;

/**
 * CDI event: {@code count} more messages of the mailing were accepted by the SMTP server and are
 * SENT in the outbox. Fired once for each message, within a transaction that observers join
 * (synchronous observers only): an observer that fails rolls the announcement back, and the same
 * messages are announced again at the sender's next tick (every two seconds). Campaigns observe it
 * (e.g. to add a cost per email).
 */
public record MessagesSent(long campaignId, long mailingId, int count) {}
