package org.erpcampaigns.workflows.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The next opening of a send window in the contact's zone: weekends, holidays, windows that end at
 * midnight, and both directions of the clock change in Rome and New York (where UTC arithmetic
 * would open an hour early or late).
 */
class SendWindowTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final EnumSet<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  static SendWindow window(EnumSet<DayOfWeek> days, String from, String to, String... holidays) {
    return new SendWindow(
        days, LocalTime.parse(from), LocalTime.parse(to), List.of(holidays), null);
  }

  /** A wall-clock time in a zone, e.g. "2026-12-05T22:00". */
  static Instant at(String local, ZoneId zone) {
    return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static String next(SendWindow w, Instant at, ZoneId zone) {
    return next(w, at, zone, Holidays.NONE);
  }

  static String next(SendWindow w, Instant at, ZoneId zone, Holidays more) {
    return w.nextOpening(at, zone, more)
        .map(i -> ZonedDateTime.ofInstant(i, zone).toOffsetDateTime().toString())
        .orElse("never");
  }

  @Test
  void aSaturdayNightInRomeWaitsForMondayNineRomeTime() {
    SendWindow w = window(WEEKDAYS, "09:00", "17:00");
    Instant saturdayNight = at("2026-12-05T22:00", ROME);
    assertEquals("2026-12-07T09:00+01:00", next(w, saturdayNight, ROME));
    assertEquals(
        Instant.parse("2026-12-07T08:00:00Z"),
        w.nextOpening(saturdayNight, ROME, Holidays.NONE).get());
  }

  @Test
  void insideTheWindowItIsOpenNowAndOutsideItIsNot() {
    SendWindow w = window(WEEKDAYS, "09:00", "17:00");
    Instant wednesdayNoon = at("2026-12-02T12:00", ROME);
    assertEquals(Optional.of(wednesdayNoon), w.nextOpening(wednesdayNoon, ROME, Holidays.NONE));
    assertTrue(w.isOpen(wednesdayNoon, ROME, Holidays.NONE));
    assertTrue(w.isOpen(at("2026-12-02T09:00", ROME), ROME, Holidays.NONE), "opens at 09:00");
    assertFalse(w.isOpen(at("2026-12-02T17:00", ROME), ROME, Holidays.NONE), "shut at 17:00");
    assertEquals("2026-12-02T09:00+01:00", next(w, at("2026-12-02T06:30", ROME), ROME));
    assertEquals("2026-12-03T09:00+01:00", next(w, at("2026-12-02T17:00", ROME), ROME));
    assertEquals("2026-12-07T09:00+01:00", next(w, at("2026-12-04T17:30", ROME), ROME), "Friday");
  }

  @Test
  void theSameMomentIsOpenInNewYorkAndShutInRome() {
    SendWindow w = window(WEEKDAYS, "09:00", "20:00");
    Instant fridayNightInRome = Instant.parse("2026-12-04T23:30:00Z");
    assertEquals("2026-12-07T09:00+01:00", next(w, fridayNightInRome, ROME));
    assertTrue(w.isOpen(fridayNightInRome, NEW_YORK, Holidays.NONE), "18:30 on Friday in New York");
  }

  @Test
  void romeClocksGoForwardTheNineOClockWindowStillOpensAtNine() {
    SendWindow w = window(EVERY_DAY, "09:00", "17:00");
    // Saturday 28 March 2026 at 18:00 (UTC+1); clocks go forward at 02:00 on Sunday 29
    assertEquals("2026-03-29T09:00+02:00", next(w, at("2026-03-28T18:00", ROME), ROME));
    assertEquals(
        Instant.parse("2026-03-29T07:00:00Z"),
        w.nextOpening(at("2026-03-28T18:00", ROME), ROME, Holidays.NONE).get(),
        "23 hours later, not 24");
  }

  @Test
  void romeClocksGoBackTheNineOClockWindowStillOpensAtNine() {
    SendWindow w = window(EVERY_DAY, "09:00", "17:00");
    // Saturday 24 October 2026 at 18:00 (UTC+2); clocks go back at 03:00 on Sunday 25
    assertEquals("2026-10-25T09:00+01:00", next(w, at("2026-10-24T18:00", ROME), ROME));
    assertEquals(
        Instant.parse("2026-10-25T08:00:00Z"),
        w.nextOpening(at("2026-10-24T18:00", ROME), ROME, Holidays.NONE).get());
  }

  @Test
  void newYorkBothClockChanges() {
    SendWindow w = window(EVERY_DAY, "09:00", "17:00");
    // clocks go forward on Sunday 8 March 2026, back on Sunday 1 November 2026
    assertEquals(
        Instant.parse("2026-03-08T13:00:00Z"),
        w.nextOpening(at("2026-03-07T18:00", NEW_YORK), NEW_YORK, Holidays.NONE).get());
    assertEquals(
        Instant.parse("2026-03-07T14:00:00Z"),
        w.nextOpening(at("2026-03-07T03:00", NEW_YORK), NEW_YORK, Holidays.NONE).get());
    assertEquals(
        Instant.parse("2026-11-01T14:00:00Z"),
        w.nextOpening(at("2026-10-31T18:00", NEW_YORK), NEW_YORK, Holidays.NONE).get());
    assertEquals(
        Instant.parse("2026-10-31T13:00:00Z"),
        w.nextOpening(at("2026-10-31T03:00", NEW_YORK), NEW_YORK, Holidays.NONE).get());
  }

  @Test
  void anOpeningTheClocksSkipIsTheMomentTheyJump() {
    SendWindow w = window(EVERY_DAY, "02:30", "04:00");
    // New York jumps from 02:00 to 03:00 on 8 March 2026: 02:30 does not exist, 03:00 EDT does
    assertEquals("2026-03-08T03:00-04:00", next(w, at("2026-03-08T01:00", NEW_YORK), NEW_YORK));
    // Rome jumps from 02:00 to 03:00 on 29 March 2026
    assertEquals("2026-03-29T03:00+02:00", next(w, at("2026-03-29T00:10", ROME), ROME));
    // the day after, 02:30 is there again
    assertEquals("2026-03-30T02:30+02:00", next(w, at("2026-03-29T04:00", ROME), ROME));
  }

  @Test
  void aWindowInsideTheSkippedHourDoesNotOpenThatDay() {
    SendWindow w = window(EVERY_DAY, "02:10", "02:50");
    assertEquals("2026-03-09T02:10-04:00", next(w, at("2026-03-08T01:00", NEW_YORK), NEW_YORK));
  }

  @Test
  void aTimeTheClocksPassTwiceOpensAtTheFirstAndClosesAtTheSecond() {
    SendWindow w = window(EVERY_DAY, "01:30", "01:45");
    // New York, 1 November 2026: 01:30 EDT is 05:30Z, then 01:45 EST is 06:45Z
    assertEquals(
        Instant.parse("2026-11-01T05:30:00Z"),
        w.nextOpening(Instant.parse("2026-11-01T05:00:00Z"), NEW_YORK, Holidays.NONE).get());
    Instant secondOneOClock = Instant.parse("2026-11-01T06:00:00Z"); // 01:00 EST
    assertTrue(w.isOpen(secondOneOClock, NEW_YORK, Holidays.NONE));
    assertTrue(w.isOpen(Instant.parse("2026-11-01T06:40:00Z"), NEW_YORK, Holidays.NONE));
    assertEquals(
        "2026-11-02T01:30-05:00", next(w, Instant.parse("2026-11-01T06:45:00Z"), NEW_YORK));
  }

  @Test
  void aWindowThatEndsAtMidnightIsOpenUntilTheDayEnds() {
    SendWindow w = window(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), "18:00", "00:00");
    assertTrue(w.isOpen(at("2026-12-04T23:59:59", ROME), ROME, Holidays.NONE));
    assertTrue(w.isOpen(at("2026-12-05T00:00", ROME), ROME, Holidays.NONE) == false);
    assertEquals("2026-12-05T18:00+01:00", next(w, at("2026-12-05T00:00", ROME), ROME));
    assertEquals("2026-12-11T18:00+01:00", next(w, at("2026-12-06T00:00", ROME), ROME));
    SendWindow allDay = window(EnumSet.of(DayOfWeek.SUNDAY), "00:00", "00:00");
    assertEquals("2026-12-06T00:00+01:00", next(allDay, at("2026-12-05T10:00", ROME), ROME));
    assertTrue(allDay.isOpen(at("2026-12-06T23:59", ROME), ROME, Holidays.NONE));
  }

  @Test
  void aMidnightTheClocksSkipOpensWhenTheyJump() {
    // São Paulo went from 00:00 to 01:00 on Sunday 4 November 2018
    ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
    SendWindow w = window(EnumSet.of(DayOfWeek.SUNDAY), "00:00", "00:00");
    assertEquals("2018-11-04T01:00-02:00", next(w, at("2018-11-03T12:00", saoPaulo), saoPaulo));
  }

  @Test
  void consecutiveHolidaysAndAWeekendAreSkipped() {
    SendWindow w = window(WEEKDAYS, "09:00", "17:00", "2026-12-24", "2026-12-25");
    // Wednesday 23 at 18:00: Thursday and Friday are holidays, then the weekend
    assertEquals("2026-12-28T09:00+01:00", next(w, at("2026-12-23T18:00", ROME), ROME));
    assertFalse(w.isOpen(at("2026-12-24T10:00", ROME), ROME, Holidays.NONE));
  }

  @Test
  void yearlyHolidaysAndTheConfiguredOnesCountToo() {
    SendWindow w = window(WEEKDAYS, "09:00", "17:00", "01-01");
    Holidays configured = Holidays.parse(List.of("2027-01-04", "--01-05"));
    // Thursday 31 December 2026: New Year's Day (every year), then the weekend, then the list's
    assertEquals("2027-01-06T09:00+01:00", next(w, at("2026-12-31T18:00", ROME), ROME, configured));
    assertEquals("2027-01-04T09:00+01:00", next(w, at("2026-12-31T18:00", ROME), ROME));
  }

  @Test
  void aHolidayIsADayInTheContactsZone() {
    SendWindow w = window(EVERY_DAY, "00:00", "00:00", "2026-12-08");
    Instant t =
        Instant.parse(
            "2026-12-07T23:30:00Z"); // 00:30 on the 8th in Rome, 18:30 on the 7th in New York
    assertEquals("2026-12-09T00:00+01:00", next(w, t, ROME));
    assertTrue(w.isOpen(t, NEW_YORK, Holidays.NONE));
  }

  @Test
  void aWindowThatNeverOpensSaysSo() {
    List<String> everyMonday = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 12, 7); d.getYear() < 2031; d = d.plusWeeks(1)) {
      everyMonday.add(d.toString());
    }
    SendWindow w =
        new SendWindow(
            EnumSet.of(DayOfWeek.MONDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            everyMonday,
            null);
    assertEquals("never", next(w, at("2026-12-05T10:00", ROME), ROME));
    assertEquals(
        "never",
        next(window(EnumSet.noneOf(DayOfWeek.class), "09:00", "17:00"), Instant.EPOCH, ROME));
  }

  @Test
  void hoursZoneAndHolidaysAreChecked() {
    assertTrue(window(WEEKDAYS, "09:00", "17:00").hoursValid());
    assertTrue(window(WEEKDAYS, "09:00", "00:00").hoursValid());
    assertFalse(window(WEEKDAYS, "17:00", "09:00").hoursValid());
    assertFalse(window(WEEKDAYS, "09:00", "09:00").hoursValid());
    assertEquals(
        Optional.of(ROME), new SendWindow(WEEKDAYS, null, null, null, "Europe/Rome").zoneId());
    assertEquals(
        Optional.empty(), new SendWindow(WEEKDAYS, null, null, null, "Europe/Atlantis").zoneId());
    assertTrue(Holidays.valid("2026-12-25"));
    assertTrue(Holidays.valid("12-25"));
    assertTrue(Holidays.valid("--02-29"));
    assertFalse(Holidays.valid("2026-02-30"));
    assertFalse(Holidays.valid("25/12"));
    assertFalse(Holidays.valid("1999-12-25"));
    assertThrows(IllegalArgumentException.class, () -> Holidays.parse(List.of("2026-13-01")));
  }
}
