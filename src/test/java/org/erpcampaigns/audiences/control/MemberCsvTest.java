package org.erpcampaigns.audiences.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.junit.jupiter.api.Test;

/** Reading list imports: what is taken, and the files refused whole with the reason. */
class MemberCsvTest {
  static final long MB = 1024 * 1024;

  static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void semicolonsQuotesAndABomAreFine() {
    MemberCsv.Parsed parsed =
        MemberCsv.parse(
            utf8(
                "\uFEFFName;\"E-Mail\"\n\"Rossi; Anna\";Anna@Example.test\r\n\nLuc;luc@example.test\n"),
            MB);
    assertEquals(MemberCsv.Kind.EMAIL, parsed.kind());
    assertEquals(
        List.of(
            new MemberCsv.Row(2, "anna@example.test"), new MemberCsv.Row(4, "luc@example.test")),
        parsed.rows());
  }

  @Test
  void partyIdsInAnyColumn() {
    MemberCsv.Parsed parsed = MemberCsv.parse(utf8("name,party_id\nAnna,10001\nLuc,10002\n"), MB);
    assertEquals(MemberCsv.Kind.PARTY, parsed.kind());
    assertEquals(
        List.of("10001", "10002"), parsed.rows().stream().map(MemberCsv.Row::value).toList());
  }

  @Test
  void invalidEmailsRefuseTheWholeFileNamingTheLines() {
    AudienceException e =
        assertThrows(
            AudienceException.class,
            () -> MemberCsv.parse(utf8("email\nok@example.test\nnope\n\nalso@bad\n"), MB));
    assertEquals("audience.import.invalidEmails", e.getKey());
    assertEquals(2, e.getArguments()[0]);
    assertEquals("3: nope; 5: also@bad", e.getArguments()[1]);
  }

  @Test
  void aFileThatIsNotUtf8() {
    byte[] latin1 =
        "email\nok@example.test\nj\u00e9r\u00f4me@example.test\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    AudienceException e =
        assertThrows(
            AudienceException.class, () -> MemberCsv.parse(new ByteArrayInputStream(latin1), MB));
    assertEquals("audience.import.encoding", e.getKey());
    assertEquals(3, e.getArguments()[0]);
  }

  @Test
  void wrongColumnsEmptyAndTooBig() {
    assertEquals(
        "audience.import.columns",
        assertThrows(AudienceException.class, () -> MemberCsv.parse(utf8("name,phone\nA,1\n"), MB))
            .getKey());
    assertEquals(
        "audience.import.empty",
        assertThrows(AudienceException.class, () -> MemberCsv.parse(utf8("email\n\n"), MB))
            .getKey());
    // a 100 MB upload stops being read at the limit
    InputStream huge =
        new InputStream() {
          long left = 100 * MB;

          @Override
          public int read() {
            return left-- > 0 ? 'a' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            return n;
          }
        };
    AudienceException tooBig =
        assertThrows(AudienceException.class, () -> MemberCsv.parse(huge, 20 * MB));
    assertEquals("audience.import.tooBig", tooBig.getKey());
    assertEquals(20L, tooBig.getArguments()[0]);
  }

  @Test
  void exportedCellsAreQuotedAndNeverFormulas() throws Exception {
    assertEquals(
        "10001,\"Rossi, Anna\",'=HYPERLINK(1),\"say \"\"hi\"\"\",\"a;b\",'\tx,'-1,,'@me\r\n",
        export(
            Arrays.asList(
                "10001",
                "Rossi, Anna",
                "=HYPERLINK(1)",
                "say \"hi\"",
                "a;b",
                "\tx",
                "-1",
                null,
                "@me")));
  }

  @Test
  void whatTheExportWritesTheImportReadsBack() throws Exception {
    String header = "party_id,email,name,type,city,country,source,added_at";
    String csv =
        export(Arrays.asList(header.split(",")))
            + export(List.of("10001", "anna@example.test", "Rossi,\r\nAnna", "PERSON", "Milano"))
            + export(List.of("10002", "luc@example.test", "Luc \"the\" Dupont", "PERSON", "a;b"))
            + export(List.of("10003", "=sum@example.test", "=HYPERLINK(\"x\")", "PERSON", "-"))
            + export(List.of("10004", "bo@example.test", "\tBo\nB", "GROUP", "@home"));
    MemberCsv.Parsed parsed = MemberCsv.parse(utf8(csv), MB);
    assertEquals(MemberCsv.Kind.EMAIL, parsed.kind());
    assertEquals(
        List.of(
            new MemberCsv.Row(2, "anna@example.test"),
            new MemberCsv.Row(4, "luc@example.test"),
            new MemberCsv.Row(5, "=sum@example.test"),
            new MemberCsv.Row(6, "bo@example.test")),
        parsed.rows());
  }

  @Test
  void aQuoteNeverClosedRefusesTheFileNamingItsLine() {
    AudienceException e =
        assertThrows(
            AudienceException.class,
            () ->
                MemberCsv.parse(
                    utf8(
                        "email;name\na@example.test;\"Anna\"\n\nb@example.test;\"Bo\nc@x.test;C\n"),
                    MB));
    assertEquals("audience.import.unclosedQuote", e.getKey());
    assertEquals(4, e.getArguments()[0]);
  }

  static String export(List<String> cells) throws Exception {
    StringBuilder out = new StringBuilder();
    new MemberCsv.Export(out).row(cells);
    return out.toString();
  }
}
