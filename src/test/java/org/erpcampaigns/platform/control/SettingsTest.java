package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The settings page lists the README's keys and never shows a secret. */
class SettingsTest {
  @Test
  void theKeysAreTheReadmesConfigurationTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Matcher row = Pattern.compile("(?m)^\\| `(campaigns\\.[a-z0-9.-]+)` \\|").matcher(readme);
    List<String> documented = row.results().map(m -> m.group(1)).toList();
    assertTrue(documented.size() > 40, "the table was found: " + documented);
    assertEquals(documented, Settings.keys());
  }

  @Test
  void secretsAreNeverShown() {
    for (String key :
        List.of(
            "campaigns.db.password",
            "campaigns.smtp.password",
            "campaigns.tracking.secret",
            "campaigns.admin.initial-password")) {
      assertTrue(Settings.isSecret(key), key);
      assertEquals(Settings.MASK, Settings.shown(key, "hunter2-very-secret"), key);
      assertEquals("", Settings.shown(key, ""), "blank stays blank: " + key);
    }
    assertFalse(Settings.isSecret("campaigns.smtp.user"));
    assertEquals("mailer", Settings.shown("campaigns.smtp.user", "mailer"));
    assertNull(Settings.shown("campaigns.smtp.user", null), "not set");
  }

  @Test
  void aPasswordInADatabaseUrlIsMasked() {
    assertEquals(
        "jdbc:postgresql://db:5432/ofbiz?user=campaigns&password=" + Settings.MASK + "&ssl=true",
        Settings.shown(
            "campaigns.db.url",
            "jdbc:postgresql://db:5432/ofbiz?user=campaigns&password=s3cr3t&ssl=true"));
    assertEquals(
        "jdbc:h2:file:./db;PASSWORD=" + Settings.MASK + ";MODE=PostgreSQL",
        Settings.shown("campaigns.db.url", "jdbc:h2:file:./db;PASSWORD=s3cr3t;MODE=PostgreSQL"));
    assertEquals(
        "https://relay:" + Settings.MASK + "@mail.example/",
        Settings.shown("campaigns.public-url", "https://relay:s3cr3t@mail.example/"));
    assertEquals(
        "http://localhost:8080/", Settings.shown("campaigns.public-url", "http://localhost:8080/"));
  }
}
