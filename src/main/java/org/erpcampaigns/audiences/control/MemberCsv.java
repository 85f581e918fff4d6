package org.erpcampaigns.audiences.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.erpcampaigns.audiences.entity.AudienceException;

/**
 * Reads a CSV of contacts to add to a list: UTF-8 (a BOM is fine), comma, semicolon or tab
 * separated, a header row naming an {@code email} or a {@code party_id} column (other columns are
 * ignored). Refuses, with a message that says how to fix it, a file that is too big, not UTF-8, has
 * no such column, or has rows whose email is not an email: nothing is imported then.
 */
public final class MemberCsv {
  static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  static final int MAX_ERRORS_SHOWN = 20;

  private MemberCsv() {}

  /** What a column holds. */
  public enum Kind {
    EMAIL,
    PARTY
  }

  public record Row(int line, String value) {}

  public record Parsed(Kind kind, List<Row> rows) {}

  public static Parsed parse(InputStream in, long maxBytes) {
    byte[] bytes = read(in, maxBytes);
    String text = decode(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\n|\r", -1);
    int headerLine = 0;
    while (headerLine < lines.length && lines[headerLine].isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.length) {
      throw AudienceException.invalid("audience.import.empty");
    }
    String header = lines[headerLine];
    char separator = separator(header);
    List<String> columns = split(header, separator);
    int column = -1;
    Kind kind = null;
    for (int i = 0; i < columns.size(); i++) {
      String name =
          columns.get(i).strip().toLowerCase(Locale.ROOT).replace(" ", "_").replace("-", "_");
      if (name.equals("email") || name.equals("e_mail") || name.equals("email_address")) {
        column = i;
        kind = Kind.EMAIL;
        break;
      }
      if (name.equals("party_id") || name.equals("partyid") || name.equals("contact_id")) {
        column = i;
        kind = Kind.PARTY;
      }
    }
    if (kind == null) {
      throw AudienceException.invalid(
          "audience.import.columns", header.length() > 80 ? header.substring(0, 80) + "…" : header);
    }
    List<Row> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int badRows = 0;
    for (int i = headerLine + 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> cells = split(lines[i], separator);
      String value = column < cells.size() ? cells.get(column).strip() : "";
      boolean valid =
          kind == Kind.EMAIL
              ? value.length() <= 254 && EMAIL.matcher(value).matches()
              : !value.isEmpty() && value.length() <= 20;
      if (!valid) {
        badRows++;
        if (errors.size() < MAX_ERRORS_SHOWN) {
          errors.add((i + 1) + ": " + (value.isEmpty() ? "—" : value));
        }
        continue;
      }
      rows.add(new Row(i + 1, kind == Kind.EMAIL ? value.toLowerCase(Locale.ROOT) : value));
    }
    if (badRows > 0) {
      throw AudienceException.invalid(
          kind == Kind.EMAIL ? "audience.import.invalidEmails" : "audience.import.invalidIds",
          badRows,
          String.join("; ", errors));
    }
    if (rows.isEmpty()) {
      throw AudienceException.invalid("audience.import.empty");
    }
    return new Parsed(kind, rows);
  }

  private static byte[] read(InputStream in, long maxBytes) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw AudienceException.invalid("audience.import.tooBig", maxBytes / (1024 * 1024));
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(byte[] bytes) {
    try {
      return strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // the first line that is not UTF-8, so the user can find it
      int line = 1;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            strictUtf8().decode(ByteBuffer.wrap(bytes, start, i - start));
          } catch (CharacterCodingException bad) {
            break;
          }
          line++;
          start = i + 1;
        }
      }
      throw AudienceException.invalid("audience.import.encoding", line);
    }
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static char separator(String header) {
    char best = ',';
    int most = -1;
    for (char candidate : new char[] {',', ';', '\t'}) {
      int n = (int) header.chars().filter(ch -> ch == candidate).count();
      if (n > most) {
        most = n;
        best = candidate;
      }
    }
    return best;
  }

  /** One CSV line: separator-split, double quotes around cells, "" for a quote inside. */
  static List<String> split(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /**
   * A cell for an exported CSV: quoted when needed; a leading =, +, - or @ cannot run as a formula.
   */
  public static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
