package org.erpcampaigns.campaigns.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The moves of the campaign lifecycle: planned → approved → active ⇄ paused → completed, and
 * cancelled from any open state. The UI shows only the actions {@link #allowedFrom} a status.
 */
public enum CampaignAction {
  APPROVE(CampaignStatus.APPROVED, EnumSet.of(CampaignStatus.PLANNED)),
  START(CampaignStatus.ACTIVE, EnumSet.of(CampaignStatus.APPROVED)),
  PAUSE(CampaignStatus.PAUSED, EnumSet.of(CampaignStatus.ACTIVE)),
  RESUME(CampaignStatus.ACTIVE, EnumSet.of(CampaignStatus.PAUSED)),
  COMPLETE(CampaignStatus.COMPLETED, EnumSet.of(CampaignStatus.ACTIVE, CampaignStatus.PAUSED)),
  CANCEL(
      CampaignStatus.CANCELLED,
      EnumSet.of(
          CampaignStatus.PLANNED,
          CampaignStatus.APPROVED,
          CampaignStatus.ACTIVE,
          CampaignStatus.PAUSED));

  private final CampaignStatus target;
  private final Set<CampaignStatus> from;

  CampaignAction(CampaignStatus target, Set<CampaignStatus> from) {
    this.target = target;
    this.from = from;
  }

  public CampaignStatus target() {
    return target;
  }

  public boolean isAllowedFrom(CampaignStatus status) {
    return from.contains(status);
  }

  /** The actions a campaign in this status may take, in lifecycle order. */
  public static List<CampaignAction> allowedFrom(CampaignStatus status) {
    return Arrays.stream(values()).filter(a -> a.isAllowedFrom(status)).toList();
  }
}
