package org.erpcampaigns.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.erpcampaigns.platform.control.Settings;

/**
 * The admin's settings page (admin/settings.xhtml, read-only): each key of the configuration table
 * with its effective value and the MicroProfile Config source it comes from (system property,
 * environment variable, the WAR's defaults file, ...) and that source's ordinal; secrets masked.
 * Values the code defaults are shown as not set: their default is the README's.
 */
@Named
@RequestScoped
public class SettingsView {
  /** A key as the page shows it; value and source are null when no source sets it. */
  public record Setting(String key, String value, String source, int ordinal, boolean secret) {}

  private List<Setting> settings;

  @PostConstruct
  void init() {
    Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
    settings = new ArrayList<>();
    for (String key : Settings.keys()) {
      ConfigValue v = config.getConfigValue(key);
      boolean set = v != null && v.getRawValue() != null;
      settings.add(
          new Setting(
              key,
              set ? Settings.shown(key, v.getValue()) : null,
              set ? v.getSourceName() : null,
              set ? v.getSourceOrdinal() : 0,
              Settings.isSecret(key)));
    }
  }

  public List<Setting> getSettings() {
    return settings;
  }
}
