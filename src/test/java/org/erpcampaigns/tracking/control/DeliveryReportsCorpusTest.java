package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.erpcampaigns.tracking.entity.BounceReason;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.MailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bounces, feedback reports, read receipts and answers in test resources
 * (tracking/corpus, written from the RFCs and the servers' and providers' published formats), each
 * read as the mailbox poller reads it and compared with what corpus.tsv says it is: kind, server,
 * status, reason, recipient and the Message-ID of our message it refers to.
 */
class DeliveryReportsCorpusTest {

  record Expected(
      String file,
      String kind,
      String server,
      String status,
      String reason,
      String recipient,
      String messageId) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Arguments> corpus() throws Exception {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = resource("corpus.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        rows.add(
            Arguments.of(
                new Expected(
                    f[0], f[1], none(f[2]), none(f[3]), none(f[4]), none(f[5]), none(f[6]))));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachMessageIsReadAsWhatItIs(Expected e) throws Exception {
    InboundReport r;
    try (InputStream in = resource(e.file())) {
      r =
          DeliveryReports.read(
                  new MimeMessage(Session.getInstance(new Properties()), in),
                  new UnsubscribeRequests(null))
              .orElseThrow(() -> new AssertionError(e.file() + " was not understood"));
    }
    String got =
        String.join(
            " | ",
            r.kind().name(),
            String.valueOf(r.server()),
            String.valueOf(r.status()),
            String.valueOf(r.reason()),
            String.valueOf(r.recipient()),
            r.referencedMessageIds().isEmpty() ? "null" : r.referencedMessageIds().get(0));
    String want =
        String.join(
            " | ",
            e.kind(),
            String.valueOf(e.server()),
            String.valueOf(e.status()),
            String.valueOf(e.reason()),
            String.valueOf(e.recipient()),
            String.valueOf(e.messageId()));
    assertEquals(want, got, e.file() + ": " + r.detail());
    if (r.isBounce()) {
      assertTrue(
          r.detail().startsWith(r.kind().name().split("_")[0].toLowerCase()),
          "the event says hard, soft or policy first: " + r.detail());
      assertTrue(r.serverText() != null && !r.serverText().isBlank(), "the server's words kept");
    }
  }

  @Test
  void everyServerKindEveryReasonAndEveryKindHasASample() throws Exception {
    List<Expected> rows = corpus().map(a -> (Expected) a.get()[0]).toList();
    Set<String> servers = rows.stream().map(Expected::server).collect(Collectors.toSet());
    Set<String> reasons = rows.stream().map(Expected::reason).collect(Collectors.toSet());
    Set<String> kinds = rows.stream().map(Expected::kind).collect(Collectors.toSet());
    for (MailServer server : MailServer.values()) {
      assertTrue(servers.contains(server.name()), "no sample from " + server);
    }
    for (BounceReason reason : BounceReason.values()) {
      assertTrue(reasons.contains(reason.name()), "no sample of " + reason);
    }
    for (InboundReport.Kind kind : InboundReport.Kind.values()) {
      // unsubscribe requests have their own samples (UnsubscribeRequestsTest), deliveries none
      if (kind != InboundReport.Kind.UNSUBSCRIBE && kind != InboundReport.Kind.DELIVERED) {
        assertTrue(kinds.contains(kind.name()), "no sample of " + kind);
      }
    }
  }

  private static String none(String field) {
    return "-".equals(field) ? null : field;
  }

  private static InputStream resource(String name) {
    return DeliveryReportsCorpusTest.class.getResourceAsStream("/tracking/corpus/" + name);
  }
}
