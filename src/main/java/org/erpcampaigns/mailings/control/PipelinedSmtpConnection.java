package org.erpcampaigns.mailings.control;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * One SMTP connection that sends a message in one round trip instead of four: when the server
 * offers PIPELINING (RFC 2920), MAIL, RCPT and DATA go out together, and those of the next message
 * right behind the content of the current one, so the content's reply and the next envelope's three
 * come back together. Jakarta Mail's transport waits for each reply before the next command, and on
 * loopback the waiting (the switch to the server and back) is most of a message's cost: {@link
 * #send(MimeMessage, Envelope, Envelope)} writes the next message's envelope behind the current
 * content and reads its replies with the next message's. Without PIPELINING it sends one command at
 * a time, as any client.
 *
 * <p>It speaks plain SMTP, STARTTLS or TLS (the JVM's trusted certificates, the server's name
 * checked) and logs in with PLAIN or LOGIN; a mail session that asks for more (its own socket
 * factory or trust, a proxy, SASL) is sent through Jakarta Mail's transport ({@link Settings#of} is
 * empty). A connection that cannot be set up is a {@link SmtpConnectionFailed}. A refused command
 * is reported as a {@link MessagingException} whose message is the server's reply ("550 5.1.1
 * ..."), a broken connection as one caused by the {@link IOException}: {@link SmtpOutcome} reads
 * both as it reads Jakarta Mail's.
 */
public final class PipelinedSmtpConnection implements AutoCloseable {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final Set<PipelinedSmtpConnection> OPEN = ConcurrentHashMap.newKeySet();

  /**
   * Where to connect, how to greet, protect the connection and log in, read from the mail session's
   * properties; empty when the session needs what this connection does not do.
   */
  public record Settings(
      String host,
      int port,
      String heloName,
      String envelopeFrom,
      int timeoutMillis,
      SmtpRelay.Security security,
      boolean tlsRequired,
      String user,
      String password,
      SSLSocketFactory tls) {

    private static final String[] NEEDS_JAKARTA_MAIL = {
      "mail.smtp.socketFactory",
      "mail.smtp.socketFactory.class",
      "mail.smtp.ssl.socketFactory",
      "mail.smtp.ssl.socketFactory.class",
      "mail.smtp.ssl.trust",
      "mail.smtp.ssl.protocols",
      "mail.smtp.ssl.ciphersuites",
      "mail.smtp.sasl.enable",
      "mail.smtp.auth.mechanisms",
      "mail.smtp.proxy.host",
      "mail.smtp.socks.host",
      "mail.smtp.localaddress"
    };

    /**
     * Settings from a mail session's properties: plain SMTP, STARTTLS ({@code
     * mail.smtp.starttls.enable}, required with {@code .required}) or TLS ({@code
     * mail.smtp.ssl.enable}) with the JVM's trusted certificates and the server's name checked, and
     * a login with PLAIN or LOGIN ({@code mail.smtp.auth}, {@code mail.smtp.user} and {@code
     * password}). Empty when the session asks for more (its own socket factory or trust, a proxy,
     * SASL, chosen mechanisms...): Jakarta Mail's transport does that.
     */
    public static Optional<Settings> of(Properties session, String password, int timeoutMillis) {
      for (String key : NEEDS_JAKARTA_MAIL) {
        Object value = session.get(key);
        if (value != null && !"false".equalsIgnoreCase(value.toString().strip())) {
          return Optional.empty();
        }
      }
      String protocol = session.getProperty("mail.transport.protocol", "smtp");
      if (!"smtp".equalsIgnoreCase(protocol.strip())) {
        return Optional.empty();
      }
      String host = session.getProperty("mail.smtp.host", session.getProperty("mail.host"));
      boolean tls = isTrue(session, "mail.smtp.ssl.enable");
      int port;
      try {
        port = Integer.parseInt(session.getProperty("mail.smtp.port", tls ? "465" : "25").strip());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      String user = null;
      if (isTrue(session, "mail.smtp.auth")) {
        user = session.getProperty("mail.smtp.user", session.getProperty("mail.user"));
        if (user == null || user.isBlank()) {
          return Optional.empty(); // the login comes from elsewhere (an authenticator)
        }
      }
      String helo = session.getProperty("mail.smtp.localhost");
      if (helo == null || helo.isBlank()) {
        helo = localHostName();
      }
      String from = session.getProperty("mail.smtp.from");
      return Optional.of(
          new Settings(
              host == null || host.isBlank() ? "localhost" : host.strip(),
              port,
              helo.strip(),
              from == null || from.isBlank() ? null : from.strip(),
              timeoutMillis,
              tls
                  ? SmtpRelay.Security.TLS
                  : isTrue(session, "mail.smtp.starttls.enable")
                      ? SmtpRelay.Security.STARTTLS
                      : SmtpRelay.Security.NONE,
              isTrue(session, "mail.smtp.starttls.required"),
              user == null ? null : user.strip(),
              password == null ? "" : password,
              (SSLSocketFactory) SSLSocketFactory.getDefault()));
    }

    /** Plain SMTP without login: {@link #of(Properties, String, int)} without a password. */
    public static Optional<Settings> of(Properties session, int timeoutMillis) {
      return of(session, null, timeoutMillis);
    }

    /** The same settings with TLS connections made by {@code factory} (its own trust). */
    public Settings withTls(SSLSocketFactory factory) {
      return new Settings(
          host,
          port,
          heloName,
          envelopeFrom,
          timeoutMillis,
          security,
          tlsRequired,
          user,
          password,
          factory);
    }

    private static boolean isTrue(Properties p, String key) {
      Object v = p.get(key);
      return v != null && "true".equalsIgnoreCase(v.toString().strip());
    }

    @Override
    public String toString() {
      return "Settings[" + host + ":" + port + " security=" + security + " user=" + user + "]";
    }

    /**
     * The sender and recipient SMTP gets for this message: the message's own envelope sender (its
     * return path), else the session's {@code mail.smtp.from}, else its From address, as Jakarta
     * Mail's transport chooses.
     */
    public Envelope envelope(MimeMessage message, InternetAddress to) throws MessagingException {
      if (message instanceof SMTPMessage m
          && m.getEnvelopeFrom() != null
          && !m.getEnvelopeFrom().isBlank()) {
        return new Envelope(m.getEnvelopeFrom(), to.getAddress());
      }
      if (envelopeFrom != null) {
        return new Envelope(envelopeFrom, to.getAddress());
      }
      Address[] from = message.getFrom();
      if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a)) {
        throw new MessagingException("the message has no sender address");
      }
      return new Envelope(a.getAddress(), to.getAddress());
    }

    private static String localHostName() {
      try {
        String name = InetAddress.getLocalHost().getCanonicalHostName();
        return name == null || name.isBlank() ? "localhost" : name;
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }

  /** The sender and the recipient of one SMTP transaction. */
  public record Envelope(String from, String to) {
    String mailFrom() {
      return "MAIL FROM:<" + from + ">";
    }

    String rcptTo() {
      return "RCPT TO:<" + to + ">";
    }
  }

  /** A server reply: its code and its lines, joined by line breaks. */
  record Reply(int code, String text) {
    boolean positive() {
      return code >= 200 && code < 400;
    }
  }

  private final Settings settings;
  private final Socket raw; // the TCP connection, also under TLS: closing it never blocks
  private volatile Socket socket; // what SMTP goes over: raw, or TLS over it
  private InputStream in;
  private OutputStream out;
  private final StringBuilder line = new StringBuilder(128);
  private final boolean pipelining;
  private volatile long writingSince;
  private boolean broken;
  private Envelope opened; // sent ahead with the last content; its replies are read
  private Reply[] openedReplies;

  private PipelinedSmtpConnection(Settings settings, Socket raw, Socket socket)
      throws IOException, MessagingException {
    this.settings = settings;
    this.raw = raw;
    attach(socket);
    Reply greeting = read();
    if (greeting.code() != 220) {
      throw new SmtpConnectionFailed(greeting.text() + " (greeting)");
    }
    List<String> extensions = hello();
    if (settings.security() == SmtpRelay.Security.STARTTLS) {
      if (offers(extensions, "STARTTLS")) {
        Reply ready = command("STARTTLS");
        if (ready.code() != 220) {
          throw new SmtpConnectionFailed(ready.text() + " (STARTTLS)");
        }
        attach(tls(settings, raw));
        extensions = hello();
      } else if (settings.tlsRequired()) {
        throw new SmtpConnectionFailed(
            "the SMTP server "
                + server()
                + " does not offer STARTTLS, which the mail session requires");
      }
    }
    if (settings.user() != null) {
      login(extensions);
    }
    this.pipelining = offers(extensions, "PIPELINING");
  }

  /** host:port, for messages. */
  private String server() {
    return settings.host() + ":" + settings.port();
  }

  private void attach(Socket s) throws IOException {
    this.socket = s;
    this.in = new BufferedInputStream(s.getInputStream(), 8192);
    this.out = new BufferedOutputStream(s.getOutputStream(), 32 * 1024);
  }

  /** EHLO (HELO when refused); the extension lines the server offers, upper case. */
  private List<String> hello() throws IOException, MessagingException {
    Reply ehlo = command("EHLO " + settings.heloName());
    if (ehlo.code() == 250) {
      List<String> lines = new ArrayList<>();
      String[] all = ehlo.text().split("\n");
      for (int i = 1; i < all.length; i++) {
        if (all[i].length() > 4) {
          lines.add(all[i].substring(4).strip().toUpperCase(Locale.ROOT));
        }
      }
      return lines;
    }
    Reply helo = command("HELO " + settings.heloName());
    if (helo.code() != 250) {
      throw new SmtpConnectionFailed(helo.text() + " (HELO)");
    }
    return List.of();
  }

  private static boolean offers(List<String> extensions, String keyword) {
    return extensions.stream().anyMatch(l -> l.equals(keyword) || l.startsWith(keyword + " "));
  }

  /** Logs in with PLAIN, or LOGIN when the server offers only that (RFC 4954). */
  private void login(List<String> extensions) throws IOException, MessagingException {
    Set<String> mechanisms = new TreeSet<>();
    for (String l : extensions) {
      if (l.startsWith("AUTH ") || l.startsWith("AUTH=")) {
        mechanisms.addAll(List.of(l.substring(5).strip().split("\\s+")));
      }
    }
    Reply r;
    if (mechanisms.contains("PLAIN")) {
      r = command("AUTH PLAIN " + base64("\0" + settings.user() + "\0" + settings.password()));
    } else if (mechanisms.contains("LOGIN")) {
      r = command("AUTH LOGIN");
      if (r.code() == 334) {
        r = command(base64(settings.user()));
      }
      if (r.code() == 334) {
        r = command(base64(settings.password()));
      }
    } else {
      throw new SmtpConnectionFailed(
          "the SMTP server "
              + server()
              + " offers no login this application speaks (PLAIN or LOGIN)"
              + (mechanisms.isEmpty() ? "" : "; it offers " + String.join(" ", mechanisms)));
    }
    if (r.code() != 235) {
      throw new SmtpConnectionFailed(r.text() + " (login as " + settings.user() + ")");
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** TLS over the connection, the server's certificate checked against its name. */
  private static Socket tls(Settings settings, Socket raw) throws IOException {
    SSLSocket tls =
        (SSLSocket) settings.tls().createSocket(raw, settings.host(), settings.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.setUseClientMode(true);
    tls.startHandshake();
    return tls;
  }

  /** Connects and greets the server; a refusal or a failure is a {@link MessagingException}. */
  public static PipelinedSmtpConnection open(Settings settings) throws MessagingException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(settings.timeoutMillis());
      socket.connect(
          new InetSocketAddress(settings.host(), settings.port()), settings.timeoutMillis());
      PipelinedSmtpConnection c =
          new PipelinedSmtpConnection(
              settings,
              socket,
              settings.security() == SmtpRelay.Security.TLS ? tls(settings, socket) : socket);
      OPEN.add(c);
      return c;
    } catch (MessagingException refused) {
      closeQuietly(socket);
      throw refused;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new SmtpConnectionFailed(
          "could not connect to the SMTP server "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e,
          e);
    }
  }

  /** Whether the server offered PIPELINING. */
  public boolean pipelining() {
    return pipelining;
  }

  /** Whether the connection can take another message. */
  public boolean usable() {
    return !broken && !socket.isClosed();
  }

  /**
   * Sends one message to one recipient; returns normally only when the server accepted it (250
   * after the content).
   *
   * <p>With {@code next}, the envelope of the message to be sent next on this connection, and a
   * server that pipelines, that envelope (MAIL, RCPT, DATA) goes out right behind this message's
   * content, so each further message costs one round trip. Nothing is delivered until its content
   * ends with the final dot, which only the next {@code send} writes: a sender that stops (or that
   * sends something else: {@link #waitsForOtherThan}) closes the connection and the server forgets
   * the open transaction (RFC 5321 4.1.1.4). (Rendering the message after {@code next} between
   * writing this content and reading its reply, so that the reply is read instead of waited for,
   * was measured: it cost the sender more CPU per message than the wake-up it saved.)
   */
  public void send(MimeMessage message, Envelope envelope, Envelope next)
      throws MessagingException {
    if (!usable()) {
      throw new IllegalStateException("the SMTP connection is closed");
    }
    if (waitsForOtherThan(envelope)) {
      throw new IllegalStateException("the connection waits for the content of another message");
    }
    try {
      Reply[] replies = opened != null ? openedReplies : envelope(envelope);
      opened = null;
      openedReplies = null;
      Reply mail = replies[0];
      Reply rcpt = replies[1];
      Reply data = replies[2];
      if (data != null && data.code() == 354 && mail.positive() && rcpt.positive()) {
        boolean ahead = next != null && pipelining;
        writeContent(message, ahead ? next : null);
        Reply accepted = read();
        if (accepted.code() == 421) {
          broken = true;
        } else if (ahead) {
          readAhead(next);
        }
        if (accepted.code() != 250) {
          // the transaction is over either way: no RSET
          throw new MessagingException(accepted.text() + " (content)");
        }
        return;
      }
      if (data != null && data.code() == 354) {
        // the server took DATA although the envelope failed: an empty content ends it (RFC 2920)
        write(".");
        flush();
        read();
      }
      Reply first = !mail.positive() ? mail : !rcpt.positive() ? rcpt : data;
      throw refused(first == mail ? "MAIL" : first == rcpt ? "RCPT" : "DATA", first);
    } catch (IOException e) {
      broken = true;
      close();
      throw new MessagingException("SMTP connection to " + server() + " failed: " + e, e);
    }
  }

  /** Sends without {@code next}: see {@link #send(MimeMessage, Envelope, Envelope)}. */
  public void send(MimeMessage message, InternetAddress to) throws MessagingException {
    send(message, settings.envelope(message, to), null);
  }

  /**
   * Whether an envelope sent ahead waits for a message other than this one: then the server may be
   * waiting for content, and only closing the connection ends that transaction.
   */
  public boolean waitsForOtherThan(Envelope envelope) {
    return opened != null && !opened.equals(envelope);
  }

  /** MAIL, RCPT and DATA of one message, together when the server pipelines; their replies. */
  private Reply[] envelope(Envelope envelope) throws IOException {
    if (pipelining) {
      writeEnvelope(envelope);
      flush();
      return new Reply[] {read(), read(), read()};
    }
    Reply mail = command(envelope.mailFrom());
    Reply rcpt = mail.positive() ? command(envelope.rcptTo()) : null;
    Reply data = rcpt != null && rcpt.positive() ? command("DATA") : null;
    return new Reply[] {mail, rcpt, data};
  }

  private void writeEnvelope(Envelope envelope) throws IOException {
    write(envelope.mailFrom());
    write(envelope.rcptTo());
    write("DATA");
  }

  /**
   * The replies to the envelope sent ahead. When they cannot be read, the message just sent still
   * has the outcome the server gave it: the connection is closed, and the next message goes on a
   * new one.
   */
  private void readAhead(Envelope next) {
    try {
      openedReplies = new Reply[] {read(), read(), read()};
      opened = next;
    } catch (IOException e) {
      broken = true;
      close();
    }
  }

  private Reply command(String command) throws IOException {
    write(command);
    flush();
    return read();
  }

  /**
   * A refused transaction: ends it with RSET (a server that closes, 421, or does not answer RSET is
   * left for the caller to close) and reports the reply.
   */
  private MessagingException refused(String step, Reply reply) throws IOException {
    if (reply.code() != 421) {
      Reply rset = command("RSET");
      if (rset.code() != 250) {
        broken = true;
      }
    } else {
      broken = true;
    }
    return new MessagingException(reply.text() + " (" + step + ")");
  }

  private void writeContent(MimeMessage message, Envelope next)
      throws IOException, MessagingException {
    writingSince = System.nanoTime(); // the buffer goes out to the socket whenever it fills
    try {
      DotStuffing content = new DotStuffing(out);
      message.writeTo(content);
      content.end();
      if (next != null) {
        writeEnvelope(next);
      }
      out.flush();
    } finally {
      writingSince = 0;
    }
  }

  private void write(String command) throws IOException {
    out.write(command.getBytes(StandardCharsets.UTF_8));
    out.write(CRLF);
  }

  private void flush() throws IOException {
    writingSince = System.nanoTime();
    try {
      out.flush();
    } finally {
      writingSince = 0;
    }
  }

  /** Reads one reply, all its lines. */
  private Reply read() throws IOException {
    StringBuilder text = null;
    while (true) {
      readLine();
      if (line.length() < 3
          || !Character.isDigit(line.charAt(0))
          || !Character.isDigit(line.charAt(1))
          || !Character.isDigit(line.charAt(2))) {
        throw new IOException("not an SMTP reply: " + SmtpOutcome.clip(line.toString()));
      }
      boolean more = line.length() > 3 && line.charAt(3) == '-';
      if (text == null) {
        text = new StringBuilder(line);
      } else {
        text.append('\n').append(line);
      }
      if (!more) {
        return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
      }
    }
  }

  private void readLine() throws IOException {
    line.setLength(0);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return;
      }
      if (line.length() < 4096) {
        line.append((char) b);
      }
    }
    throw new IOException("the SMTP server closed the connection");
  }

  /**
   * Says goodbye (QUIT) when the connection is still good, and closes it. With an envelope sent
   * ahead the server may be waiting for content: then it only closes, and the server forgets the
   * transaction.
   */
  @Override
  public void close() {
    OPEN.remove(this);
    if (!broken && opened == null && !socket.isClosed()) {
      try {
        socket.setSoTimeout(Math.min(settings.timeoutMillis(), 2000));
        command("QUIT");
      } catch (IOException e) {
        // closing anyway
      }
    }
    broken = true;
    closeQuietly(socket);
    closeQuietly(raw);
  }

  /**
   * Closes the connections whose last write has waited longer than the timeout (a server that
   * stopped reading): their sender threads get an {@link IOException} instead of waiting forever.
   * Returns how many were closed.
   */
  public static int abortStalledWrites(long timeoutNanos) {
    long now = System.nanoTime();
    int closed = 0;
    for (PipelinedSmtpConnection c : OPEN) {
      long since = c.writingSince;
      if (since != 0 && now - since > timeoutNanos) {
        OPEN.remove(c);
        closeQuietly(c.raw);
        closed++;
      }
    }
    return closed;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  /**
   * The content as SMTP carries it: every line ends with CRLF, a line starting with a dot gets a
   * second one (RFC 5321 4.5.2), and a line with a single dot ends it.
   */
  static final class DotStuffing extends OutputStream {
    private final OutputStream out;
    private int last = '\n'; // at the start of a line

    DotStuffing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n') {
        if (last != '\r') {
          out.write('\r');
        }
      } else {
        if (last == '\r') {
          out.write('\n'); // a lone CR ends a line too
          if (b == '.') {
            out.write('.');
          }
        } else if (b == '.' && last == '\n') {
          out.write('.');
        }
      }
      out.write(b);
      last = b;
    }

    /**
     * Copies runs of bytes as they are: a message composed with CRLF line ends (ours always is)
     * goes through in one copy per buffer but for a dot at the start of a line. Only a bare LF, a
     * lone CR and such a dot break the run.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int start = off;
      int end = off + len;
      int last = this.last;
      for (int i = off; i < end; i++) {
        byte c = b[i];
        if (c == '\n') {
          if (last != '\r') {
            out.write(b, start, i - start);
            out.write('\r');
            start = i; // the LF itself stays in the run
          }
        } else if (last == '\r') {
          out.write(b, start, i - start);
          out.write('\n'); // a lone CR ends a line too
          if (c == '.') {
            out.write('.');
          }
          start = i;
        } else if (c == '.' && last == '\n') {
          out.write(b, start, i - start);
          out.write('.');
          start = i;
        }
        last = c;
      }
      out.write(b, start, end - start);
      this.last = last;
    }

    /** Ends the content: the last line's break, if missing, then the single dot. */
    void end() throws IOException {
      if (last == '\r') {
        out.write('\n');
      } else if (last != '\n') {
        out.write(CRLF);
      }
      out.write('.');
      out.write(CRLF);
    }

    @Override
    public void flush() {
      // the connection flushes when the content has ended
    }
  }
}
