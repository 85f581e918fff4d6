package org.erpcampaigns.mailings.entity;

/**
 * CDI event fired after each committed batch of a mailing: {@code count} messages were accepted by
 * the SMTP server. Campaigns observe it (e.g. to add a cost per email).
 */
public record MessagesSent(long campaignId, long mailingId, int count) {}
