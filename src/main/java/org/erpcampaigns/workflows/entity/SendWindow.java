package org.erpcampaigns.workflows.entity;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a workflow may mail a contact: on some weekdays, between two times of day, never on a
 * holiday, all in the contact's own time zone ({@code zone} is the workflow's zone, for contacts
 * whose zone is not known). An email step that comes due outside the window waits for its next
 * opening; a WAIT may wait for it on purpose.
 *
 * <p>Times are the contact's wall-clock times, so a 09:00 window opens at 09:00 on both sides of a
 * clock change. A time the clocks skip (02:30 on the night they go forward) means the moment they
 * jump; a time they pass twice (02:30 on the night they go back) opens at the first and closes at
 * the second. {@code to} 00:00 is the end of the day: 09:00-00:00 is open until midnight.
 *
 * @param days the weekdays it opens on
 * @param holidays dates ({@code 2026-12-08}) and yearly days ({@code 12-25}), as written, checked
 *     by {@link WorkflowDefinition#problems()}
 * @param zone a time zone id (Europe/Rome), or null for the configured default
 */
public record SendWindow(
    Set<DayOfWeek> days, LocalTime from, LocalTime to, List<String> holidays, String zone) {
  /** How far ahead an opening is looked for: a window that stays shut longer never opens. */
  static final int HORIZON_DAYS = 3 * 366;

  /** The most holidays one window lists. */
  public static final int MAX_HOLIDAYS = 1000;

  public SendWindow {
    days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
  }

  /** Monday to Friday, 09:00-17:00, no holidays, in the default zone. */
  public static SendWindow officeHours() {
    return new SendWindow(
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        LocalTime.of(9, 0),
        LocalTime.of(17, 0),
        List.of(),
        null);
  }

  /** Whether the hours make a range: from before to, or to at 00:00 (the end of the day). */
  public boolean hoursValid() {
    return from != null && to != null && (to.equals(LocalTime.MIDNIGHT) || from.isBefore(to));
  }

  /** The window's zone; empty when it has none or an unknown one. */
  public Optional<ZoneId> zoneId() {
    if (zone == null || zone.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(zone.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The window's own holidays (the valid ones). */
  public Holidays ownHolidays() {
    return Holidays.parse(holidays.stream().filter(Holidays::valid).toList());
  }

  /**
   * The first moment at or after {@code at} when the window is open for a contact in {@code zone}:
   * {@code at} itself when it is open then. Empty when it does not open within three years (every
   * allowed day a holiday). {@code more} are holidays besides the window's own.
   */
  public Optional<Instant> nextOpening(Instant at, ZoneId zone, Holidays more) {
    if (days.isEmpty() || !hoursValid()) {
      return Optional.empty();
    }
    Holidays closed = ownHolidays().and(more);
    LocalDate day = at.atZone(zone).toLocalDate();
    for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek()) || closed.contains(day)) {
        continue;
      }
      Instant opens = instant(day.atTime(from), zone, false);
      Instant closes =
          to.equals(LocalTime.MIDNIGHT)
              ? instant(day.plusDays(1).atStartOfDay(), zone, false)
              : instant(day.atTime(to), zone, true);
      if (opens.isBefore(closes) && closes.isAfter(at)) {
        return Optional.of(opens.isAfter(at) ? opens : at);
      }
    }
    return Optional.empty();
  }

  /** Whether the window is open at {@code at} for a contact in {@code zone}. */
  public boolean isOpen(Instant at, ZoneId zone, Holidays more) {
    return nextOpening(at, zone, more).filter(at::equals).isPresent();
  }

  /**
   * A wall-clock time in a zone as an instant: in a gap (the clocks skip it) the moment they jump;
   * in an overlap (they pass it twice) the first or the {@code later} of the two.
   */
  static Instant instant(LocalDateTime local, ZoneId zone, boolean later) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return local.toInstant(later ? offsets.get(offsets.size() - 1) : offsets.get(0));
  }
}
