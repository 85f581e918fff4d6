package org.erpcampaigns.tracking.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement with which an ERP mapping records that a contact refuses marketing email (for
 * OFBiz: PARTY_CONTACT_MECH.ALLOW_SOLICITATION = 'N'), read from the mapping's {@value #FILE}. It
 * names its values {@code :partyId} (the contact's id) and {@code :email} (the address, lower
 * case); they are bound as parameters, never spliced into the SQL.
 */
public final class ConsentStatement {
  /** The file, beside the mapping's view SQL, that holds the statement. */
  public static final String FILE = "consent-write-back.sql";

  private static final Pattern PARAMETER = Pattern.compile("'(?:[^']|'')*'|:([A-Za-z]+)");
  private static final List<String> NAMES = List.of("partyId", "email");

  private final String sql;
  private final List<String> order;

  private ConsentStatement(String sql, List<String> order) {
    this.sql = sql;
    this.order = order;
  }

  /**
   * Reads one statement: SQL comment lines and a final semicolon are dropped.
   *
   * @throws IllegalArgumentException when the text is empty, holds more than one statement, names
   *     an unknown parameter or none at all
   */
  public static ConsentStatement parse(String text) {
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    String statement = body.toString().strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (statement.isEmpty()) {
      throw new IllegalArgumentException(FILE + " holds no statement");
    }
    List<String> order = new ArrayList<>();
    Matcher m = PARAMETER.matcher(statement);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (m.group(1) == null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      if (!NAMES.contains(m.group(1))) {
        throw new IllegalArgumentException(
            FILE + ": unknown parameter :" + m.group(1) + " (known: :partyId, :email)");
      }
      order.add(m.group(1));
      m.appendReplacement(out, "?");
    }
    m.appendTail(out);
    String sql = out.toString();
    if (sql.replaceAll("'(?:[^']|'')*'", "").contains(";")) {
      throw new IllegalArgumentException(FILE + " must hold exactly one statement");
    }
    if (order.isEmpty()) {
      throw new IllegalArgumentException(
          FILE + " must name the contact with :partyId and/or :email");
    }
    return new ConsentStatement(sql, List.copyOf(order));
  }

  /** The statement as sent to the database, with {@code ?} for each parameter. */
  public String sql() {
    return sql;
  }

  /** Runs the statement for one contact's address; returns the number of ERP rows changed. */
  public int execute(Connection c, String partyId, String email) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < order.size(); i++) {
        ps.setString(
            i + 1,
            "partyId".equals(order.get(i)) ? partyId : email.strip().toLowerCase(Locale.ROOT));
      }
      return ps.executeUpdate();
    }
  }
}
