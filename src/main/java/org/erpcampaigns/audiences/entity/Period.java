package org.erpcampaigns.audiences.entity;

import java.time.LocalDate;

/**
 * The time window of a purchase-history condition: the last N days (relative, so a dynamic list
 * moves with time), or from/to dates (inclusive), or open (all orders).
 */
public record Period(Integer lastDays, LocalDate from, LocalDate to) {
  public static final Period ALWAYS = new Period(null, null, null);

  public static Period lastDays(int days) {
    return new Period(days, null, null);
  }

  public static Period between(LocalDate from, LocalDate to) {
    return new Period(null, from, to);
  }

  public boolean isOpen() {
    return lastDays == null && from == null && to == null;
  }
}
