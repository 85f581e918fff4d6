package org.erpcampaigns.contacts.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which updates of the CRM a workflow writes into the ERP's own tables, and with which statement.
 * The administrator allows kinds with {@code campaigns.erp.write} ({@code none}, {@code all}, or
 * some of {@code roles, classifications, communication-events}); the ERP mapping supplies one
 * statement per kind ({@link Kind#file}) that copies the rows a step recorded in CM_CRM_UPDATE
 * (named by {@code :run}) into the ERP. A kind goes into the ERP only when both allow it; otherwise
 * the product's own row is the record.
 */
public final class CrmWrites {
  /** What an update records; the first three may go into the ERP. */
  public enum Kind {
    ROLE("roles", "crm-role.sql"),
    CLASSIFICATION("classifications", "crm-classification.sql"),
    COMMUNICATION("communication-events", "crm-communication-event.sql"),
    TAG(null, null);

    /** The word for this kind in {@code campaigns.erp.write}. */
    public final String setting;

    /** The mapping's file with the statement, beside its view SQL. */
    public final String file;

    Kind(String setting, String file) {
      this.setting = setting;
      this.file = file;
    }
  }

  public static final String KEY = "campaigns.erp.write";

  /** Writes nothing into the ERP. */
  public static final CrmWrites NONE = new CrmWrites(new EnumMap<>(Kind.class));

  private final Map<Kind, String> statements;

  private CrmWrites(Map<Kind, String> statements) {
    this.statements = statements;
  }

  /**
   * The kinds {@code setting} allows.
   *
   * @throws IllegalArgumentException for a word that is none of the kinds'
   */
  public static Set<Kind> allowed(String setting) {
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (String word : setting == null ? new String[0] : setting.split("[,;\\s]+")) {
      String w = word.strip().toLowerCase(Locale.ROOT);
      if (w.isEmpty() || w.equals("none")) {
        continue;
      }
      if (w.equals("all")) {
        kinds.addAll(EnumSet.of(Kind.ROLE, Kind.CLASSIFICATION, Kind.COMMUNICATION));
        continue;
      }
      Kind found = null;
      for (Kind k : Kind.values()) {
        if (w.equals(k.setting)) {
          found = k;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            KEY
                + ": unknown value '"
                + word
                + "' (none, all, roles, classifications, communication-events)");
      }
      kinds.add(found);
    }
    return kinds;
  }

  /**
   * The writes for the allowed kinds whose statement the mapping has ({@code mappingFile} gives a
   * mapping file's text by name, empty when the mapping has none).
   */
  public static CrmWrites of(Set<Kind> allowed, Function<String, Optional<String>> mappingFile) {
    Map<Kind, String> statements = new EnumMap<>(Kind.class);
    for (Kind k : allowed) {
      if (k.file != null) {
        mappingFile.apply(k.file).ifPresent(text -> statements.put(k, statement(k.file, text)));
      }
    }
    return new CrmWrites(statements);
  }

  /** Whether updates of this kind go into the ERP. */
  public boolean toErp(Kind kind) {
    return statements.containsKey(kind);
  }

  /** The kinds that go into the ERP. */
  public Set<Kind> kinds() {
    return statements.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(statements.keySet());
  }

  /** Copies the rows of {@code run} of this kind into the ERP; returns the ERP rows written. */
  public int write(Connection c, Kind kind, String run) throws SQLException {
    String sql = statements.get(kind);
    if (sql == null) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
        ps.setString(i, run);
      }
      return ps.executeUpdate();
    }
  }

  /**
   * One statement of a mapping file: comment lines and a final semicolon dropped, {@code :run}
   * (outside quotes) bound as a parameter.
   */
  static String statement(String file, String text) {
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    String s = body.toString().strip();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    StringBuilder out = new StringBuilder();
    var m = java.util.regex.Pattern.compile("'(?:[^']|'')*'|:([A-Za-z]+)").matcher(s);
    int parameters = 0;
    while (m.find()) {
      if (m.group(1) == null) {
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group()));
      } else if (m.group(1).equals("run")) {
        m.appendReplacement(out, "?");
        parameters++;
      } else {
        throw new IllegalArgumentException(file + ": unknown parameter :" + m.group(1));
      }
    }
    m.appendTail(out);
    String sql = out.toString();
    if (s.isEmpty() || sql.replaceAll("'(?:[^']|'')*'", "").contains(";") || parameters == 0) {
      throw new IllegalArgumentException(file + " must hold one statement that names :run");
    }
    return sql;
  }
}
