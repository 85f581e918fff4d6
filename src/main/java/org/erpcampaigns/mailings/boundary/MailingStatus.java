package org.erpcampaigns.mailings.boundary;

import java.time.LocalDateTime;
import java.util.Map;
import org.erpcampaigns.mailings.control.RelayBreaker;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.mailings.entity.OutboxState;

/**
 * Where a mailing stands: its state, the outbox rows by state, the send rate over the last 30
 * seconds and the time left at that rate; and, while this instance cannot reach the SMTP relay,
 * since when, why and when it tries again ({@code relayOutage}, null while the relay works).
 */
public record MailingStatus(
    long id,
    long campaignId,
    long templateId,
    String templateName,
    long listId,
    String listName,
    MailingState state,
    LocalDateTime sendAtUtc,
    String timeZone,
    Integer throttlePerSecond,
    long recipients,
    long skipped,
    Map<OutboxState, Long> counts,
    double sentPerSecond,
    Long etaSeconds,
    int percentDone,
    RelayBreaker.Outage relayOutage) {

  public long getSent() {
    return counts.getOrDefault(OutboxState.SENT, 0L);
  }

  public long count(String state) {
    return counts.getOrDefault(OutboxState.valueOf(state), 0L);
  }
}
