package org.erpcampaigns.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.erpcampaigns.platform.control.Messages;
import org.junit.jupiter.api.Test;

/** The UI speaks five languages: no key may be missing or empty in any of them. */
class MessagesTest {
  private static final Pattern PAGE_KEY = Pattern.compile("msg\\['([A-Za-z0-9_.-]+)'\\]");

  @Test
  void everyLanguageHasEveryKey() throws IOException {
    Properties english = load("messages.properties");
    for (Locale l : Messages.LANGUAGES) {
      if (l.equals(Locale.ENGLISH)) {
        continue;
      }
      Properties other = load("messages_" + l.getLanguage() + ".properties");
      Set<String> missing = new TreeSet<>(english.stringPropertyNames());
      missing.removeAll(other.stringPropertyNames());
      assertEquals(Set.of(), missing, "keys missing in " + l);
      Set<String> extra = new TreeSet<>(other.stringPropertyNames());
      extra.removeAll(english.stringPropertyNames());
      assertEquals(Set.of(), extra, "keys only in " + l);
      for (String key : other.stringPropertyNames()) {
        assertTrue(!other.getProperty(key).isBlank(), key + " is empty in " + l);
      }
    }
  }

  @Test
  void patternsWithArgumentsAreValidInEveryLanguage() throws IOException {
    for (Locale l : Messages.LANGUAGES) {
      String file =
          l.equals(Locale.ENGLISH)
              ? "messages.properties"
              : "messages_" + l.getLanguage() + ".properties";
      Properties p = load(file);
      for (String key : p.stringPropertyNames()) {
        String value = p.getProperty(key);
        if (value.contains("{0}")) {
          // A lone apostrophe would swallow the argument: "l'{0}" must be written "l''{0}".
          String formatted =
              new MessageFormat(value, l).format(new Object[] {"ARG0", "ARG1", "ARG2"});
          assertTrue(
              formatted.contains("ARG0"), key + " in " + l + " loses its argument: " + value);
        }
      }
    }
  }

  @Test
  void everyKeyUsedByAPageExists() throws IOException {
    Properties english = load("messages.properties");
    List<String> unknown = new ArrayList<>();
    try (Stream<Path> pages = Files.walk(Path.of("webapp"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
        Matcher m = PAGE_KEY.matcher(Files.readString(page));
        while (m.find()) {
          if (!english.containsKey(m.group(1))) {
            unknown.add(page + ": " + m.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), unknown);
  }

  @Test
  void unsupportedLanguagesFallBackToEnglish() {
    assertEquals(Locale.ENGLISH, Messages.supported(Locale.JAPANESE));
    assertEquals(Locale.GERMAN, Messages.supported(Locale.GERMANY));
    assertEquals("Contatti", Messages.get(Locale.ITALIAN, "nav.contacts"));
  }

  @Test
  void aRequestIsAnsweredInTheFirstAcceptedLanguageTheUiHas() {
    assertEquals(
        Locale.ITALIAN,
        Messages.supported(List.of(Locale.forLanguageTag("es"), Locale.forLanguageTag("it-CH"))),
        "Spanish is not spoken here, Italian is");
    assertEquals(
        "nl",
        Messages.supported(List.of(Locale.forLanguageTag("nl-BE"), Locale.FRENCH)).toString());
    assertEquals(Locale.ENGLISH, Messages.supported(List.of(Locale.JAPANESE)));
    assertEquals(Locale.ENGLISH, Messages.supported(List.<Locale>of()));
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
