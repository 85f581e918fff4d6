package org.erpcampaigns.platform.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The configuration keys an admin may want to see at run time (the README's table, kept in {@code
 * settings-keys.txt}) and how a value is shown: secrets never, only whether one is set.
 */
public final class Settings {
  /** What a secret is shown as when it is set. */
  public static final String MASK = "••••••••";

  private static final String KEYS = "/org/erpcampaigns/platform/settings-keys.txt";
  // a password in a JDBC URL (PostgreSQL's ?password=, H2's ;PASSWORD=) or user:password@host
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)([?&;]password=)[^&;]*|(//[^/:@]+:)[^/@]+@");

  private Settings() {}

  /** The keys of the README's configuration table, in its order. */
  public static List<String> keys() {
    try (InputStream in = Settings.class.getResourceAsStream(KEYS)) {
      if (in == null) {
        throw new IllegalStateException(KEYS + " is missing");
      }
      List<String> keys = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String key = line.strip();
        if (!key.isEmpty() && !key.startsWith("#")) {
          keys.add(key);
        }
      }
      return List.copyOf(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a key holds a secret: its value is never shown. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret");
  }

  /**
   * The value as the settings page shows it: null when not set, the mask for a secret that is set,
   * a URL without the password it may carry, else the value.
   */
  public static String shown(String key, String value) {
    if (value == null) {
      return null;
    }
    if (isSecret(key)) {
      return value.isEmpty() ? "" : MASK;
    }
    return URL_PASSWORD
        .matcher(value)
        .replaceAll(m -> m.group(1) != null ? m.group(1) + MASK : m.group(2) + MASK + "@");
  }
}
