package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.erpcampaigns.mailings.FaultySmtpServer;
import org.erpcampaigns.mailings.FaultySmtpServer.Received;
import org.erpcampaigns.mailings.TestTls;
import org.junit.jupiter.api.Test;

class PipelinedSmtpConnectionTest {
  private static final Session SESSION = Session.getInstance(new Properties());

  /** A mail session's properties for the test server on {@code port}. */
  private static Properties sessionTo(int port) {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(port));
    p.setProperty("mail.smtp.localhost", "sender.test");
    return p;
  }

  private static PipelinedSmtpConnection.Settings settings(int port) {
    return PipelinedSmtpConnection.Settings.of(sessionTo(port), 5000).orElseThrow();
  }

  private static MimeMessage message(String to, String text) throws MessagingException {
    MimeMessage m = new MimeMessage(SESSION);
    m.setFrom(new InternetAddress("news@shop.example.com"));
    m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Autumn offers");
    m.setText(text, "UTF-8");
    m.saveChanges();
    return m;
  }

  /** The envelope of {@link #message}: from its sender to {@code to}. */
  private static PipelinedSmtpConnection.Envelope envelopeTo(String to) {
    return new PipelinedSmtpConnection.Envelope("news@shop.example.com", to);
  }

  private static void send(PipelinedSmtpConnection c, String to, String text)
      throws MessagingException {
    c.send(message(to, text), new InternetAddress(to));
  }

  @Test
  void sendsEachEnvelopeInOneRoundTripWhenTheServerOffersPipelining() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      assertTrue(cut.pipelining());
      for (int i = 0; i < 5; i++) {
        send(cut, "anna" + i + "@example.com", "Hello Anna " + i);
      }
      List<Received> received = server.received();
      assertEquals(5, received.size());
      assertEquals("anna3@example.com", received.get(3).recipient());
      assertTrue(received.get(3).data().contains("Hello Anna 3"));
      assertEquals(5, server.pipelinedEnvelopes.get(), "MAIL, RCPT and DATA arrive together");
      assertEquals(1, server.connections.get(), "one connection for all messages");
    }
  }

  @Test
  void theNextEnvelopeGoesOutWithTheContent() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      List<MimeMessage> messages = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        messages.add(message("jo" + i + "@example.com", "Hello Jo " + i));
      }
      for (int i = 0; i < 5; i++) {
        cut.send(
            messages.get(i),
            envelopeTo("jo" + i + "@example.com"),
            i < 4 ? envelopeTo("jo" + (i + 1) + "@example.com") : null);
      }
      assertEquals(
          List.of(
              "jo0@example.com",
              "jo1@example.com",
              "jo2@example.com",
              "jo3@example.com",
              "jo4@example.com"),
          server.received().stream().map(Received::recipient).toList());
      assertEquals(4, server.envelopesBehindContent.get(), "one round trip per further message");
      assertEquals(1, server.connections.get());
    }
  }

  /** Settings for a relay that wants a login and the given security, trusting the test TLS. */
  private static PipelinedSmtpConnection.Settings secured(
      int port, String security, String user, String password) throws Exception {
    SmtpRelay relay = new SmtpRelay(security, user, password, null);
    return PipelinedSmtpConnection.Settings.of(
            relay.properties(sessionTo(port)), relay.password(), 5000)
        .orElseThrow()
        .withTls(TestTls.trustingClient());
  }

  @Test
  void logsInWithPlainOrLoginBeforeSending() throws Exception {
    for (String mechanisms : List.of("PLAIN LOGIN", "LOGIN", "CRAM-MD5 PLAIN")) {
      try (FaultySmtpServer server = new FaultySmtpServer(true)) {
        server.login = new String[] {"campaigns", "s3cret pass"};
        server.loginMechanisms = mechanisms;
        try (PipelinedSmtpConnection cut =
            PipelinedSmtpConnection.open(
                secured(server.port(), "none", "campaigns", "s3cret pass"))) {
          assertTrue(cut.pipelining());
          send(cut, "pia@example.com", "Hi Pia");
          send(cut, "rob@example.com", "Hi Rob");
        }
        assertEquals(1, server.logins.get(), mechanisms);
        assertEquals(2, server.received().size(), mechanisms);
      }
    }
  }

  @Test
  void aRefusedLoginIsAConnectionFailureNotABounce() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      server.login = new String[] {"campaigns", "right"};
      MessagingException e =
          assertThrows(
              MessagingException.class,
              () -> PipelinedSmtpConnection.open(secured(server.port(), "none", "campaigns", "x")));
      SmtpOutcome outcome = SmtpOutcome.of(e);
      assertEquals(SmtpOutcome.Kind.CONNECTION, outcome.kind(), "535 says nothing of a recipient");
      assertTrue(outcome.reply().startsWith("535 5.7.8"), outcome.reply());
      assertEquals(1, server.refusedLogins.get());
      server.loginMechanisms = "CRAM-MD5";
      e =
          assertThrows(
              MessagingException.class,
              () ->
                  PipelinedSmtpConnection.open(
                      secured(server.port(), "none", "campaigns", "right")));
      assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
      assertTrue(e.getMessage().contains("it offers CRAM-MD5"), e.getMessage());
    }
  }

  @Test
  void startTlsComesBeforeTheLoginAndTheMessages() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      server.startTls = TestTls.server();
      server.requireTls = true;
      server.login = new String[] {"campaigns", "s3cret"};
      try (PipelinedSmtpConnection cut =
          PipelinedSmtpConnection.open(secured(server.port(), "starttls", "campaigns", "s3cret"))) {
        assertTrue(cut.pipelining(), "the extensions offered after STARTTLS count");
        for (int i = 0; i < 3; i++) {
          cut.send(
              message("tea" + i + "@example.com", "Hi"),
              envelopeTo("tea" + i + "@example.com"),
              i < 2 ? envelopeTo("tea" + (i + 1) + "@example.com") : null);
        }
      }
      assertEquals(1, server.tlsSessions.get());
      assertEquals(1, server.logins.get());
      assertEquals(3, server.received().size());
      assertEquals(2, server.envelopesBehindContent.get(), "still one round trip per message");
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNeitherThePasswordNorAMessage() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      server.login = new String[] {"campaigns", "s3cret"};
      MessagingException e =
          assertThrows(
              MessagingException.class,
              () ->
                  PipelinedSmtpConnection.open(
                      secured(server.port(), "starttls", "campaigns", "s3cret")));
      assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
      assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
      assertEquals(0, server.logins.get() + server.refusedLogins.get());
    }
  }

  @Test
  void speaksTlsFromTheFirstByteAndChecksTheCertificate() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true, TestTls.server())) {
      try (PipelinedSmtpConnection cut =
          PipelinedSmtpConnection.open(secured(server.port(), "tls", null, null))) {
        send(cut, "uma@example.com", "Hi Uma");
      }
      assertEquals(1, server.received().size());
      // the JVM's own trust store does not know the test certificate
      PipelinedSmtpConnection.Settings jvmTrust =
          PipelinedSmtpConnection.Settings.of(
                  new SmtpRelay("tls", null, null, null).properties(sessionTo(server.port())), 5000)
              .orElseThrow();
      MessagingException e =
          assertThrows(MessagingException.class, () -> PipelinedSmtpConnection.open(jvmTrust));
      assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
      assertEquals(1, server.received().size());
    }
  }

  @Test
  void anAnnouncedMessageThatIsNotSentIsNotDelivered() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      PipelinedSmtpConnection.Settings settings = settings(server.port());
      MimeMessage announced = message("kim@example.com", "Hi Kim");
      PipelinedSmtpConnection.Envelope envelope =
          settings.envelope(announced, new InternetAddress("kim@example.com"));
      try (PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings)) {
        cut.send(message("lea@example.com", "Hi Lea"), envelopeTo("lea@example.com"), envelope);
        MimeMessage other = message("max@example.com", "Hi Max");
        assertTrue(
            cut.waitsForOtherThan(
                settings.envelope(other, new InternetAddress("max@example.com"))));
        assertThrows(
            IllegalStateException.class,
            () -> cut.send(other, new InternetAddress("max@example.com")));
      } // closed while the server waits for Kim's content
      try (PipelinedSmtpConnection again = PipelinedSmtpConnection.open(settings)) {
        send(again, "max@example.com", "Hi Max");
      }
      assertEquals(
          List.of("lea@example.com", "max@example.com"),
          server.received().stream().map(Received::recipient).toList());
    }
  }

  @Test
  void aRefusedContentOrARefusedAnnouncedRecipientLeavesTheOthersAlone() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      PipelinedSmtpConnection.Settings settings = settings(server.port());
      server.rejectRecipient = r -> r.startsWith("gone");
      server.temporaryFailures.set(1);
      MimeMessage first = message("nia@example.com", "Hi Nia");
      MimeMessage second = message("gone@example.com", "Hi");
      MimeMessage third = message("ole@example.com", "Hi Ole");
      InternetAddress nia = new InternetAddress("nia@example.com");
      InternetAddress gone = new InternetAddress("gone@example.com");
      InternetAddress ole = new InternetAddress("ole@example.com");
      try (PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings)) {
        MessagingException e =
            assertThrows(
                MessagingException.class,
                () ->
                    cut.send(
                        first, settings.envelope(first, nia), settings.envelope(second, gone)));
        assertEquals(SmtpOutcome.Kind.TEMPORARY, SmtpOutcome.of(e).kind());
        e =
            assertThrows(
                MessagingException.class,
                () ->
                    cut.send(
                        second, settings.envelope(second, gone), settings.envelope(third, ole)));
        assertEquals(SmtpOutcome.Kind.PERMANENT, SmtpOutcome.of(e).kind());
        cut.send(third, ole);
        cut.send(first, nia);
      }
      assertEquals(
          List.of("ole@example.com", "nia@example.com"),
          server.received().stream().map(Received::recipient).toList());
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void sendsOneCommandAtATimeWhenTheServerDoesNotOfferPipelining() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(false);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      assertFalse(cut.pipelining());
      send(cut, "bert@example.com", "Hello Bert");
      send(cut, "carla@example.com", "Hello Carla");
      assertEquals(2, server.received().size());
      assertEquals(0, server.pipelinedEnvelopes.get());
    }
  }

  @Test
  void aRefusedRecipientIsPermanentAndTheConnectionGoesOn() throws Exception {
    for (boolean pipelining : new boolean[] {true, false}) {
      try (FaultySmtpServer server = new FaultySmtpServer(pipelining);
          PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
        server.rejectRecipient = r -> r.startsWith("gone");
        MessagingException e =
            assertThrows(MessagingException.class, () -> send(cut, "gone@example.com", "Hi"));
        SmtpOutcome outcome = SmtpOutcome.of(e);
        assertEquals(SmtpOutcome.Kind.PERMANENT, outcome.kind());
        assertTrue(outcome.reply().startsWith("550 5.1.1 <gone@example.com>"), outcome.reply());
        assertTrue(cut.usable());
        send(cut, "dora@example.com", "Hi Dora");
        assertEquals(
            List.of("dora@example.com"),
            server.received().stream().map(Received::recipient).toList());
        assertEquals(1, server.connections.get());
      }
    }
  }

  @Test
  void aTemporaryRefusalOfTheContentIsRetriableAndNothingIsKept() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      server.temporaryFailures.set(1);
      MessagingException e =
          assertThrows(MessagingException.class, () -> send(cut, "emil@example.com", "Hi"));
      assertEquals(SmtpOutcome.Kind.TEMPORARY, SmtpOutcome.of(e).kind());
      assertTrue(server.received().isEmpty());
      send(cut, "emil@example.com", "Hi again");
      assertEquals(1, server.received().size());
    }
  }

  @Test
  void aConnectionLostAfterTheContentIsAConnectionFailure() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      server.dropAfterData.set(1);
      MessagingException e =
          assertThrows(MessagingException.class, () -> send(cut, "fay@example.com", "Hi"));
      assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
      assertFalse(cut.usable());
      assertTrue(server.received().isEmpty());
    }
  }

  @Test
  void aServerThatRefusesTheConnectionIsAConnectionFailure() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      server.refuseConnections.set(1);
      MessagingException e =
          assertThrows(
              MessagingException.class,
              () -> PipelinedSmtpConnection.open(settings(server.port())));
      SmtpOutcome outcome = SmtpOutcome.of(e);
      assertEquals(SmtpOutcome.Kind.CONNECTION, outcome.kind(), "retried, never a bounce");
      assertTrue(outcome.reply().startsWith("421 4.3.2"), outcome.reply());
    }
  }

  @Test
  void noServerAtAllIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    MessagingException e =
        assertThrows(MessagingException.class, () -> PipelinedSmtpConnection.open(settings(port)));
    assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
  }

  @Test
  void linesStartingWithADotArriveIntact() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true);
        PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings(server.port()))) {
      send(cut, "gus@example.com", "first\n.second\n..third\n.\nlast");
      String data = server.received().get(0).data();
      assertTrue(data.contains("\r\nfirst\r\n.second\r\n..third\r\n.\r\nlast\r\n"), data);
    }
  }

  @Test
  void contentIsDotStuffedWithCrlfLineEnds() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipelinedSmtpConnection.DotStuffing cut = new PipelinedSmtpConnection.DotStuffing(out);
    byte[] in = ".a\nb\r\n.c\rd.e\r\r\n.".getBytes(StandardCharsets.US_ASCII);
    cut.write(in, 0, 3);
    cut.write(in[3]);
    cut.write(in, 4, in.length - 4);
    cut.end();
    assertEquals(
        "..a\r\nb\r\n..c\r\nd.e\r\n\r\n..\r\n.\r\n", out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void dotStuffingGivesTheSameBytesWhateverTheWritesAreCutInto() throws IOException {
    java.util.Random random = new java.util.Random(20261125);
    byte[] alphabet = {'a', '.', '\r', '\n', ' '};
    for (int round = 0; round < 2000; round++) {
      byte[] in = new byte[random.nextInt(40)];
      for (int i = 0; i < in.length; i++) {
        in[i] = alphabet[random.nextInt(alphabet.length)];
      }
      ByteArrayOutputStream byteWise = new ByteArrayOutputStream();
      PipelinedSmtpConnection.DotStuffing one = new PipelinedSmtpConnection.DotStuffing(byteWise);
      for (byte b : in) {
        one.write(b);
      }
      one.end();
      ByteArrayOutputStream cutUp = new ByteArrayOutputStream();
      PipelinedSmtpConnection.DotStuffing runs = new PipelinedSmtpConnection.DotStuffing(cutUp);
      for (int at = 0; at < in.length; ) {
        int n = Math.min(in.length - at, 1 + random.nextInt(8));
        runs.write(in, at, n);
        at += n;
      }
      runs.end();
      String expected = byteWise.toString(StandardCharsets.ISO_8859_1);
      assertEquals(expected, cutUp.toString(StandardCharsets.ISO_8859_1), new String(in));
      // what SMTP needs: CRLF only, never a line that starts with a lone dot before the end
      String body = expected.substring(0, expected.length() - 3);
      assertFalse(body.replace("\r\n", "").contains("\r"), expected);
      assertFalse(body.replace("\r\n", "").contains("\n"), expected);
      for (String line : body.split("\r\n", -1)) {
        assertFalse(line.startsWith(".") && !line.startsWith(".."), expected);
      }
    }
  }

  @Test
  void aSessionThatNeedsMoreThanTlsAndALoginIsLeftToJakartaMail() {
    for (String key :
        List.of(
            "mail.smtp.auth", // without mail.smtp.user: the login comes from an authenticator
            "mail.smtp.ssl.trust",
            "mail.smtp.socketFactory",
            "mail.smtp.sasl.enable",
            "mail.smtp.socks.host")) {
      Properties p = new Properties();
      p.setProperty("mail.smtp.host", "relay.example.com");
      p.setProperty(key, key.endsWith("host") ? "proxy.example.com" : "true");
      assertTrue(PipelinedSmtpConnection.Settings.of(p, 1000).isEmpty(), key);
    }
    Properties plain = new Properties();
    plain.setProperty("mail.smtp.host", "relay.example.com");
    plain.setProperty("mail.smtp.auth", "false");
    plain.setProperty("mail.smtp.from", "bounces@shop.example.com");
    PipelinedSmtpConnection.Settings s = PipelinedSmtpConnection.Settings.of(plain, 1000).get();
    assertEquals("relay.example.com", s.host());
    assertEquals(25, s.port());
    assertEquals("bounces@shop.example.com", s.envelopeFrom());
  }

  @Test
  void theEnvelopeSenderIsTheConfiguredOneOrTheMessagesFrom() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> commands =
          scripted(
              server,
              0,
              "\r\n",
              "250-test\r\n250 PIPELINING\r\n",
              "DATA\r\n",
              "250 ok\r\n250 ok\r\n354 go\r\n",
              "\r\n.\r\n",
              "250 queued\r\n",
              "QUIT\r\n",
              "221 bye\r\n");
      Properties p = sessionTo(server.getLocalPort());
      p.setProperty("mail.smtp.from", "bounces@shop.example.com");
      try (PipelinedSmtpConnection cut =
          PipelinedSmtpConnection.open(PipelinedSmtpConnection.Settings.of(p, 5000).get())) {
        send(cut, "hanna@example.com", "Hi");
      }
      String seen = commands.get(10, TimeUnit.SECONDS);
      assertTrue(seen.contains("MAIL FROM:<bounces@shop.example.com>\r\n"), seen);
      assertTrue(seen.contains("RCPT TO:<hanna@example.com>\r\n"), seen);
    }
  }

  @Test
  void aServerThatHangsUpAfterAcceptingLeavesTheMessageAccepted() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> hangsUp =
          scripted(
              server,
              0,
              "\r\n",
              "250-test\r\n250 PIPELINING\r\n",
              "DATA\r\n",
              "250 ok\r\n250 ok\r\n354 go\r\n",
              "DATA\r\n", // the content, then the next envelope
              "250 queued\r\n");
      PipelinedSmtpConnection.Settings settings = settings(server.getLocalPort());
      MimeMessage next = message("pia@example.com", "Hi Pia");
      try (PipelinedSmtpConnection cut = PipelinedSmtpConnection.open(settings)) {
        cut.send(
            message("otto@example.com", "Hi Otto"),
            envelopeTo("otto@example.com"),
            settings.envelope(next, new InternetAddress("pia@example.com")));
        assertFalse(cut.usable(), "the next message goes on a new connection");
      }
      String seen = hangsUp.get(10, TimeUnit.SECONDS);
      assertTrue(seen.endsWith("RCPT TO:<pia@example.com>\r\nDATA\r\n"), seen);
    }
  }

  /**
   * A server for one session with fixed replies: greets, then for each pair waits until what came
   * in since the last reply ends with the first and answers the second; after the last reply it
   * stays connected without reading for {@code lingerMillis}. Returns what came in (up to the
   * client hanging up).
   */
  private static CompletableFuture<String> scripted(
      ServerSocket server, long lingerMillis, String... untilThenReply) {
    return CompletableFuture.supplyAsync(
        () -> {
          StringBuilder seen = new StringBuilder();
          try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            out.write("220 test\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < untilThenReply.length; i += 2) {
              int from = seen.length(); // each step waits for input of its own
              while (!seen.substring(from).endsWith(untilThenReply[i])) {
                int b = in.read();
                if (b < 0) {
                  return seen.toString();
                }
                seen.append((char) b);
              }
              out.write(untilThenReply[i + 1].getBytes(StandardCharsets.US_ASCII));
            }
            sleep(lingerMillis);
          } catch (IOException e) {
            // the client hung up
          }
          return seen.toString();
        });
  }

  @Test
  void aServerThatStopsReadingIsCutOffAfterTheTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> deaf =
          scripted(
              server,
              20_000, // and reads nothing more
              "\r\n",
              "250-test\r\n250 PIPELINING\r\n",
              "DATA\r\n",
              "250 ok\r\n250 ok\r\n354 go\r\n");
      try (PipelinedSmtpConnection cut =
          PipelinedSmtpConnection.open(settings(server.getLocalPort()))) {
        String big = "x".repeat(76) + "\n";
        String text = big.repeat(400_000); // 30 MB: more than the socket buffers hold
        MimeMessage m = message("ida@example.com", "");
        m.setText(text, "US-ASCII");
        m.saveChanges();
        CompletableFuture<Integer> watchdog =
            CompletableFuture.supplyAsync(
                () -> {
                  int closed = 0;
                  for (int i = 0; i < 100 && closed == 0; i++) {
                    closed =
                        PipelinedSmtpConnection.abortStalledWrites(
                            TimeUnit.MILLISECONDS.toNanos(500));
                    sleep(100);
                  }
                  return closed;
                });
        long start = System.nanoTime();
        MessagingException e =
            assertThrows(
                MessagingException.class,
                () -> cut.send(m, new InternetAddress("ida@example.com")));
        assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
        assertEquals(1, watchdog.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
      }
      deaf.cancel(true);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
