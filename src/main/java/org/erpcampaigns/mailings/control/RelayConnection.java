package org.erpcampaigns.mailings.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A sender thread's one connection to the relay, opened when needed and renewed after a failure:
 * our pipelining one where the mail session allows ({@code pipelined} not null), Jakarta Mail's
 * transport otherwise. A connection that opens ends an outage of the {@link RelayBreaker}.
 */
final class RelayConnection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RelayConnection.class.getName());

  private final Session session;
  private final PipelinedSmtpConnection.Settings pipelined;
  private final Runnable opened;
  private Transport transport;
  private PipelinedSmtpConnection connection;

  /** {@code opened} runs each time a connection to the relay was set up. */
  RelayConnection(Session session, PipelinedSmtpConnection.Settings pipelined, Runnable opened) {
    this.session = session;
    this.pipelined = pipelined;
    this.opened = opened;
  }

  /** Sends {@code current}; {@code next}, when known, is the message this thread sends next. */
  void send(OutgoingMessage current, OutgoingMessage next) throws MessagingException {
    if (pipelined != null) {
      if (connection != null
          && (!connection.usable() || connection.waitsForOtherThan(current.envelope()))) {
        close(); // e.g. the message announced last was not sent (paused): the server forgets it
      }
      if (connection == null) {
        connection = PipelinedSmtpConnection.open(pipelined);
        opened.run();
      }
      connection.send(current.message(), current.envelope(), next == null ? null : next.envelope());
      return;
    }
    if (transport == null) {
      Transport t = session.getTransport("smtp");
      try {
        t.connect();
      } catch (MessagingException e) {
        // greeting, TLS or login failed: the relay's fault, not the message's
        throw new SmtpConnectionFailed(String.valueOf(e.getMessage()), e);
      }
      opened.run();
      transport = t;
    }
    transport.sendMessage(current.message(), new InternetAddress[] {current.to()});
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.log(Level.FINE, "event=smtp-close-failed", e);
      }
      transport = null;
    }
  }
}
