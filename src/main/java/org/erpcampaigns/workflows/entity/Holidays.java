package org.erpcampaigns.workflows.entity;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Days on which a send window stays closed: dates ({@code 2026-12-08}) and days that come back
 * every year ({@code 12-25}), read from a workflow's window and from {@code
 * campaigns.workflows.holidays}. A day is a day in the contact's time zone.
 */
public record Holidays(Set<LocalDate> dates, Set<MonthDay> everyYear) {
  public static final Holidays NONE = new Holidays(Set.of(), Set.of());

  public Holidays {
    dates = Set.copyOf(dates);
    everyYear = Set.copyOf(everyYear);
  }

  /** Reads the holidays; refuses the first that is neither a date nor a month and day. */
  public static Holidays parse(Collection<String> values) {
    Set<LocalDate> dates = new HashSet<>();
    Set<MonthDay> everyYear = new HashSet<>();
    for (String value : values) {
      String v = value == null ? "" : value.strip();
      if (v.isEmpty()) {
        continue;
      }
      Optional<LocalDate> date = date(v);
      if (date.isPresent()) {
        dates.add(date.get());
      } else {
        everyYear.add(monthDay(v).orElseThrow(() -> new IllegalArgumentException(value)));
      }
    }
    return new Holidays(dates, everyYear);
  }

  /** Whether the text is a holiday {@link #parse} reads. */
  public static boolean valid(String value) {
    String v = value == null ? "" : value.strip();
    return date(v).isPresent() || monthDay(v).isPresent();
  }

  private static Optional<LocalDate> date(String v) {
    try {
      LocalDate d = LocalDate.parse(v);
      return d.getYear() < 2000 || d.getYear() > 2999 ? Optional.empty() : Optional.of(d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<MonthDay> monthDay(String v) {
    try {
      return Optional.of(MonthDay.parse(v.startsWith("--") ? v : "--" + v));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public boolean contains(LocalDate day) {
    return dates.contains(day) || everyYear.contains(MonthDay.from(day));
  }

  public Holidays and(Holidays other) {
    Set<LocalDate> d = new HashSet<>(dates);
    d.addAll(other.dates);
    Set<MonthDay> e = new HashSet<>(everyYear);
    e.addAll(other.everyYear);
    return new Holidays(d, e);
  }
}
