package org.erpcampaigns.tracking.entity;

/**
 * Who made an open or a click, stored as CM_EVENT.ORIGIN: a person, or a machine acting before or
 * instead of one. Only HUMAN events count in workflow conditions and in the "by people" figures.
 */
public enum EngagementOrigin {
  /** A person, perhaps through a mail provider's image proxy (Gmail, Yahoo) when they opened it. */
  HUMAN,
  /**
   * A pixel loaded by a privacy proxy (Apple Mail Privacy Protection) or a prefetch on delivery.
   */
  MACHINE_OPEN,
  /** A link followed by a scanner (Safe Links, URL Defense, ...), a script or a HEAD request. */
  BOT_CLICK;

  /** The machine origin of an event of this type. */
  public static EngagementOrigin machine(EventType type) {
    return type == EventType.OPENED ? MACHINE_OPEN : BOT_CLICK;
  }
}
