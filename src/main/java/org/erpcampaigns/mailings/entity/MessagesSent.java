package org.erpcampaigns.mailings.entity;

/**
 * CDI event fired by the sender's tick (every two seconds) and when it stops: since the last one,
 * {@code count} messages of the mailing were accepted by the SMTP server and committed as SENT.
 * Campaigns observe it (e.g. to add a cost per email).
 */
public record MessagesSent(long campaignId, long mailingId, int count) {}
