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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.contacts.entity.EmailAddress;

/**
 * Reads a CSV of contacts to add to a list: UTF-8 (a BOM is fine), comma, semicolon or tab
 * separated, a header row naming an {@code email} or a {@code party_id} column (other columns are
 * ignored), quoted cells with separators, quotes and line breaks in them (read by Commons CSV).
 * Refuses, with a message that says how to fix it, a file that is too big, not UTF-8, has no such
 * column, a quote that is never closed, or rows whose email is not an email: nothing is imported
 * then. Writes the list's export so that a spreadsheet opens it safely and this reads it back.
 */
public final class MemberCsv {
  static final int MAX_ERRORS_SHOWN = 20;
  // what a spreadsheet would run as a formula, or trim away, at the start of a cell
  private static final String FORMULA_START = "=+-@\t\r";
  private static final CSVFormat EXPORT = CSVFormat.RFC4180;
  // a list separator of Excel in it, fr, de and nl: such a cell is quoted, or it opens split
  private static final CSVFormat EXPORT_QUOTED =
      CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

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
    int[] lineStarts = lineStarts(text);
    String header = firstNonBlankLine(text, lineStarts);
    if (header == null) {
      throw AudienceException.invalid("audience.import.empty");
    }
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(separator(header))
            .setIgnoreEmptyLines(true)
            .setTrailingData(true) // "a"b reads as ab, as it did before
            .get();
    List<Row> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int badRows = 0;
    int column = -1;
    Kind kind = null;
    long next = 1; // the line where the next record starts, for a quote that is never closed
    try (CSVParser parser = CSVParser.parse(text, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      while (hasNext(records, text, lineStarts, next)) {
        CSVRecord record = records.next();
        next = parser.getCurrentLineNumber() + 1;
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue;
        }
        int line = line(text, lineStarts, record.getCharacterPosition());
        if (kind == null) {
          for (int i = 0; i < record.size(); i++) {
            String name =
                record.get(i).strip().toLowerCase(Locale.ROOT).replace(" ", "_").replace("-", "_");
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
                "audience.import.columns",
                header.length() > 80 ? header.substring(0, 80) + "…" : header);
          }
          continue;
        }
        String value = column < record.size() ? unguarded(record.get(column)).strip() : "";
        boolean valid =
            kind == Kind.EMAIL
                ? EmailAddress.isValid(value)
                : !value.isEmpty() && value.length() <= 20;
        if (!valid) {
          badRows++;
          if (errors.size() < MAX_ERRORS_SHOWN) {
            errors.add(line + ": " + (value.isEmpty() ? "—" : oneLine(value)));
          }
          continue;
        }
        rows.add(new Row(line, kind == Kind.EMAIL ? value.toLowerCase(Locale.ROOT) : value));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a string does not fail
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

  /** Whether another record follows; a quote never closed refuses the file naming its line. */
  private static boolean hasNext(
      Iterator<CSVRecord> records, String text, int[] lineStarts, long next) {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      // the record that failed starts on the first non-blank line from where the last one ended
      int line = (int) Math.min(next, lineStarts.length);
      while (line < lineStarts.length && lineText(text, lineStarts, line).isBlank()) {
        line++;
      }
      throw AudienceException.invalid("audience.import.unclosedQuote", line);
    }
  }

  /** Where each line starts; a line ends at CR LF, LF or CR, as the parser counts them. */
  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (ch != '\r' && ch != '\n') {
        continue;
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = i + 1;
    }
    return Arrays.copyOf(starts, n);
  }

  /**
   * The line (from 1) where a record read from a character position starts: the parser's position
   * is before the empty lines that it skipped.
   */
  private static int line(String text, int[] lineStarts, long position) {
    int found = Arrays.binarySearch(lineStarts, (int) position);
    int line = found >= 0 ? found + 1 : -found - 1;
    while (line < lineStarts.length && lineText(text, lineStarts, line).isEmpty()) {
      line++;
    }
    return line;
  }

  /** The text of a line (from 1), without its line break. */
  private static String lineText(String text, int[] lineStarts, int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  private static String firstNonBlankLine(String text, int[] lineStarts) {
    for (int line = 1; line <= lineStarts.length; line++) {
      String s = lineText(text, lineStarts, line);
      if (!s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  /** A value as the export wrote it, without the quote that kept a spreadsheet from running it. */
  private static String unguarded(String value) {
    return value.length() > 1
            && value.charAt(0) == '\''
            && FORMULA_START.indexOf(value.charAt(1)) >= 0
        ? value.substring(1)
        : value;
  }

  private static String oneLine(String value) {
    return value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
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

  /**
   * Writes an export's rows as they come, so that a list of any size streams: comma separated,
   * CRLF, quoted where needed (and where a semicolon is, the separator Excel uses in it, fr, de and
   * nl); a cell that a spreadsheet would run as a formula (=, +, -, @, a leading tab or CR) starts
   * with an apostrophe, which the import takes away again.
   */
  public static final class Export {
    private final Appendable out;

    public Export(Appendable out) {
      this.out = out;
    }

    /** One row; a null cell is empty. */
    public void row(List<String> cells) throws IOException {
      for (int i = 0; i < cells.size(); i++) {
        String cell = guarded(cells.get(i));
        (cell.indexOf(';') >= 0 ? EXPORT_QUOTED : EXPORT).print(cell, out, i == 0);
      }
      EXPORT.println(out);
    }
  }

  static String guarded(String value) {
    if (value == null) {
      return "";
    }
    return !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
