package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.erpcampaigns.mailings.FaultySmtpServer;
import org.erpcampaigns.mailings.TestTls;
import org.junit.jupiter.api.Test;

class SmtpRelayTest {

  private static Properties container(int port) {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(port));
    return p;
  }

  private static void send(Session session) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("news@shop.example.com"));
    m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("vic@example.com"));
    m.setSubject("Offers");
    m.setText("Hi Vic", "UTF-8");
    Transport.send(m);
  }

  @Test
  void turnsTheSettingsIntoMailSessionProperties() {
    Properties p = new SmtpRelay("STARTTLS", " campaigns ", "pw", "").properties(container(587));
    assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
    assertEquals("true", p.getProperty("mail.smtp.starttls.required"), "never falls back to clear");
    assertEquals("true", p.getProperty("mail.smtp.auth"));
    assertEquals("campaigns", p.getProperty("mail.smtp.user"));
    assertEquals("587", p.getProperty("mail.smtp.port"));
    assertNull(p.getProperty("mail.smtp.ssl.trust"));
    Properties tls = new SmtpRelay("tls", null, null, "relay.internal").properties(container(465));
    assertEquals("true", tls.getProperty("mail.smtp.ssl.enable"));
    assertEquals("relay.internal", tls.getProperty("mail.smtp.ssl.trust"));
    assertNull(tls.getProperty("mail.smtp.auth"));
    Properties none = new SmtpRelay(null, "", "", null).properties(container(25));
    assertEquals(container(25), none);
  }

  @Test
  void badSettingsAreRefusedWithTheSettingNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SmtpRelay("ssl", null, null, null));
    assertTrue(e.getMessage().contains("campaigns.smtp.security"), e.getMessage());
    assertTrue(e.getMessage().contains("'ssl'"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new SmtpRelay("none", " ", "secret", null));
    assertTrue(e.getMessage().contains("campaigns.smtp.user"), e.getMessage());
  }

  @Test
  void thePasswordIsNotShown() {
    SmtpRelay relay = new SmtpRelay("starttls", "campaigns", "s3cret", null);
    assertFalse(relay.toString().contains("s3cret"), relay.toString());
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "relay.example.com");
    String settings =
        PipelinedSmtpConnection.Settings.of(relay.properties(p), relay.password(), 1000)
            .orElseThrow()
            .toString();
    assertFalse(settings.contains("s3cret"), settings);
  }

  @Test
  void jakartaMailLogsInOverStartTlsToARelayTrustedByName() throws Exception {
    try (FaultySmtpServer server = new FaultySmtpServer(true)) {
      server.startTls = TestTls.server();
      server.requireTls = true;
      server.login = new String[] {"campaigns", "s3cret"};
      SmtpRelay relay = new SmtpRelay("starttls", "campaigns", "s3cret", "127.0.0.1");
      Properties p = relay.properties(container(server.port()));
      assertTrue(
          PipelinedSmtpConnection.Settings.of(p, relay.password(), 1000).isEmpty(),
          "a trust of its own is Jakarta Mail's to honour");
      send(relay.session(p));
      assertEquals(1, server.tlsSessions.get());
      assertEquals(1, server.logins.get());
      assertEquals(1, server.received().size());

      SmtpRelay wrong = new SmtpRelay("starttls", "campaigns", "guess", "127.0.0.1");
      MessagingException e =
          assertThrows(
              AuthenticationFailedException.class,
              () -> send(wrong.session(wrong.properties(container(server.port())))));
      assertEquals(SmtpOutcome.Kind.CONNECTION, SmtpOutcome.of(e).kind());
      assertEquals(1, server.received().size());
    }
  }
}
