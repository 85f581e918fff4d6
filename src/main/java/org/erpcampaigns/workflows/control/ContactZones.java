package org.erpcampaigns.workflows.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The time zone of a contact's address: by the state or province where the country has several
 * zones (US, CA, AU, BR, MX), else by the country. Countries come as ERPs store them, ISO alpha-3
 * (OFBiz's COUNTRY_GEO_ID: ITA, USA) or alpha-2; states as OFBiz's STATE_PROVINCE_GEO_ID (NY or
 * US-NY). The table is {@code contact-zones.properties}, made from the tz database (see its
 * header).
 */
public final class ContactZones {
  private static final Logger LOG = Logger.getLogger(ContactZones.class.getName());

  private static final ContactZones TZ_DATABASE = load();

  private final Map<String, ZoneId> zones;
  private final Map<String, String> alpha3ToAlpha2 = new HashMap<>();

  ContactZones(Map<String, ZoneId> zones) {
    this.zones = Map.copyOf(zones);
    for (String alpha2 : Locale.getISOCountries()) {
      alpha3ToAlpha2.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
  }

  /** The table made from the tz database. */
  public static ContactZones tzDatabase() {
    return TZ_DATABASE;
  }

  private static ContactZones load() {
    Properties table = new Properties();
    try (InputStream in = ContactZones.class.getResourceAsStream("contact-zones.properties")) {
      table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, ZoneId> zones = new HashMap<>();
    for (String place : table.stringPropertyNames()) {
      String zone = table.getProperty(place).strip();
      try {
        zones.put(place, ZoneId.of(zone));
      } catch (DateTimeException e) {
        // a zone newer than this JVM's tz data: its places fall back to the workflow's zone
        LOG.warning(() -> "event=contact-zone-unknown place=" + place + " zone=" + zone);
      }
    }
    return new ContactZones(zones);
  }

  /** The zone of an address in this country and state; empty when not known. */
  public Optional<ZoneId> of(String country, String state) {
    String alpha2 = alpha2(country);
    if (alpha2 == null) {
      return Optional.empty();
    }
    if (state != null && !state.isBlank()) {
      String s = state.strip().toUpperCase(Locale.ROOT);
      String code = s.substring(s.lastIndexOf('-') + 1);
      ZoneId byState = zones.get(alpha2 + "-" + code);
      if (byState != null) {
        return Optional.of(byState);
      }
    }
    return Optional.ofNullable(zones.get(alpha2));
  }

  private String alpha2(String country) {
    if (country == null) {
      return null;
    }
    String c = country.strip().toUpperCase(Locale.ROOT);
    return c.length() == 3 ? alpha3ToAlpha2.get(c) : c.length() == 2 ? c : null;
  }
}
