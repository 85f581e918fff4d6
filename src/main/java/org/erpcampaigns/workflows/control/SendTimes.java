package org.erpcampaigns.workflows.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.erpcampaigns.workflows.entity.Holidays;
import org.erpcampaigns.workflows.entity.SendWindow;

/**
 * When the engine may mail its contacts: each contact's time zone (from the address in the contact
 * index, else the window's zone, else {@code campaigns.workflows.default-zone}) and the holidays of
 * the whole installation ({@code campaigns.workflows.holidays}) besides a window's own. Contacts
 * are grouped by zone, so a batch of hundreds computes a few openings, not one each.
 */
public final class SendTimes {
  /** No holidays but a window's own, UTC for contacts without a zone. */
  public static final SendTimes UTC =
      new SendTimes(ContactZones.tzDatabase(), ZoneId.of("UTC"), Holidays.NONE);

  private final ContactZones zones;
  private final ZoneId defaultZone;
  private final Holidays holidays;

  public SendTimes(ContactZones zones, ZoneId defaultZone, Holidays holidays) {
    this.zones = zones;
    this.defaultZone = defaultZone;
    this.holidays = holidays;
  }

  /**
   * From the configuration: a zone id and holidays separated by commas, blanks or new lines.
   *
   * @throws IllegalArgumentException naming the value that is not a zone or not a holiday
   */
  public static SendTimes configured(String defaultZone, String holidays) {
    ZoneId zone;
    try {
      zone = ZoneId.of(defaultZone.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("campaigns.workflows.default-zone: " + defaultZone, e);
    }
    List<String> days =
        holidays == null ? List.of() : Arrays.asList(holidays.strip().split("[,;\\s]+"));
    try {
      return new SendTimes(ContactZones.tzDatabase(), zone, Holidays.parse(days));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("campaigns.workflows.holidays: " + e.getMessage(), e);
    }
  }

  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** The window's next opening at or after {@code at} in {@code zone}, with every holiday. */
  public Optional<Instant> nextOpening(SendWindow w, Instant at, ZoneId zone) {
    return w.nextOpening(at, zone, holidays);
  }

  /** Whether the day of {@code at} in the zone is a holiday of the window or the installation. */
  public boolean holiday(SendWindow w, Instant at, ZoneId zone) {
    return w.ownHolidays().and(holidays).contains(at.atZone(zone).toLocalDate());
  }

  /** The enrolments {@code ids} by their contact's time zone (one read for all of them). */
  public Map<ZoneId, List<Long>> byZone(Connection c, Array ids, SendWindow w) throws SQLException {
    ZoneId fallback = w.zoneId().orElse(defaultZone);
    Map<ZoneId, List<Long>> result = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.ID, ci.COUNTRY, ci.STATE_PROVINCE FROM CM_ENROLMENT e"
                + " LEFT JOIN CM_CONTACT_INDEX ci ON ci.PARTY_ID = e.PARTY_ID"
                + " WHERE e.ID = ANY (?) ORDER BY e.ID")) {
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ZoneId zone = zones.of(rs.getString(2), rs.getString(3)).orElse(fallback);
          result.computeIfAbsent(zone, k -> new ArrayList<>()).add(rs.getLong(1));
        }
      }
    }
    return result;
  }
}
