package org.erpcampaigns.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.jpa.metadata.XMLMetadataSource;
import org.eclipse.persistence.logging.SessionLog;

/**
 * Chooses the ERP mapping by configuration, so another ERP needs another mapping and no code
 * change. {@code campaigns.erp.mapping} is either the name of a bundled mapping ({@code ofbiz},
 * {@code flat}: {@code META-INF/orm-NAME.xml} and the views in {@code META-INF/erp-NAME/}, shipped
 * from {@code config/}) or the path of a directory holding {@code orm.xml} and the views' SQL.
 */
public class ErpMappingSource extends XMLMetadataSource {

  public static final String MAPPING_KEY = "campaigns.erp.mapping";

  /** The configured mapping: a bundled name or a directory. */
  public static String configured(ClassLoader classLoader) {
    return ConfigProvider.getConfig(classLoader)
        .getOptionalValue(MAPPING_KEY, String.class)
        .orElse("ofbiz")
        .trim();
  }

  static boolean isBundled(String mapping) {
    return mapping.matches("[a-z0-9-]+");
  }

  /** Where Flyway finds the SQL that defines the mapping's views. */
  public static String viewsLocation(String mapping) {
    return isBundled(mapping) ? "classpath:META-INF/erp-" + mapping : "filesystem:" + mapping;
  }

  /**
   * A further file of the configured mapping (e.g. the consent write-back statement): from the
   * bundled mapping's {@code META-INF/erp-NAME/} or from the mapping's directory; empty when the
   * mapping has no such file.
   */
  public static Optional<String> mappingFile(ClassLoader classLoader, String fileName) {
    String mapping = configured(classLoader);
    try {
      if (isBundled(mapping)) {
        URL bundled = classLoader.getResource("META-INF/erp-" + mapping + "/" + fileName);
        if (bundled == null) {
          return Optional.empty();
        }
        try (InputStream in = bundled.openStream()) {
          return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      Path file = Path.of(mapping, fileName);
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(MAPPING_KEY + "=" + mapping + ": " + fileName, e);
    }
  }

  @Override
  public Reader getEntityMappingsReader(
      Map<String, Object> properties, ClassLoader classLoader, SessionLog log) {
    String mapping = configured(classLoader);
    try {
      if (isBundled(mapping)) {
        URL bundled = classLoader.getResource("META-INF/orm-" + mapping + ".xml");
        if (bundled == null) {
          throw new IllegalStateException(
              MAPPING_KEY
                  + "="
                  + mapping
                  + ": no bundled mapping META-INF/orm-"
                  + mapping
                  + ".xml");
        }
        return new InputStreamReader(bundled.openStream(), StandardCharsets.UTF_8);
      }
      return Files.newBufferedReader(Path.of(mapping, "orm.xml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(MAPPING_KEY + "=" + mapping + " cannot be read", e);
    }
  }
}
