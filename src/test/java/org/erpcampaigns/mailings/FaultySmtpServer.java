package org.erpcampaigns.mailings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server for the reliability tests, which answers like a flaky relay on demand:
 * greets the next connections with 421 and hangs up, answers 451 to the next messages, drops the
 * connection after the next messages' data without answering (so they are not accepted), and
 * refuses some recipients with 550. It keeps only what it accepted with 250, as a relay would
 * deliver it. It offers PIPELINING (RFC 2920) unless told not to, and counts the envelopes that
 * came pipelined (RCPT TO already waiting when MAIL FROM is answered) and those that came right
 * behind the previous message's content. On demand it wants a login (AUTH PLAIN or LOGIN) before
 * MAIL, offers STARTTLS (and may insist on it), or speaks TLS from the first byte.
 */
public final class FaultySmtpServer implements AutoCloseable {
  private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

  /** A message accepted for one recipient. */
  /** A message taken: its recipient, Message-ID, content and envelope sender (MAIL FROM). */
  public record Received(String recipient, String messageId, String data, String sender) {}

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();
  public final AtomicInteger refuseConnections = new AtomicInteger();
  public final AtomicInteger temporaryFailures = new AtomicInteger();
  public final AtomicInteger dropAfterData = new AtomicInteger();
  public final AtomicInteger refusedConnections = new AtomicInteger();
  public final AtomicInteger answered451 = new AtomicInteger();
  public final AtomicInteger dropped = new AtomicInteger();
  public final AtomicInteger pipelinedEnvelopes = new AtomicInteger();
  public final AtomicInteger envelopesBehindContent = new AtomicInteger();
  public final AtomicInteger connections = new AtomicInteger();
  public final AtomicInteger logins = new AtomicInteger();
  public final AtomicInteger refusedLogins = new AtomicInteger();
  public final AtomicInteger tlsSessions = new AtomicInteger();
  public volatile Predicate<String> rejectRecipient = r -> false;

  /** User and password wanted before MAIL; null: no login. */
  public volatile String[] login;

  /** The login mechanisms offered when a login is wanted. */
  public volatile String loginMechanisms = "PLAIN LOGIN";

  /** Offers STARTTLS with this server identity; null: not offered. */
  public volatile SSLContext startTls;

  /** Refuses MAIL before STARTTLS. */
  public volatile boolean requireTls;

  /** Accepts connections and then says nothing, not even the greeting (a hung relay). */
  public volatile boolean silent;

  private final boolean pipelining;
  private volatile boolean closed;

  public FaultySmtpServer() throws IOException {
    this(true);
  }

  public FaultySmtpServer(boolean pipelining) throws IOException {
    this(pipelining, null);
  }

  /** A server that speaks TLS from the first byte with {@code tls}'s identity (SMTPS). */
  public FaultySmtpServer(boolean pipelining, SSLContext tls) throws IOException {
    this.pipelining = pipelining;
    server =
        tls == null
            ? new ServerSocket(0, 100, InetAddress.getLoopbackAddress())
            : tls.getServerSocketFactory()
                .createServerSocket(0, 100, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections a client holds open now. */
  public int openConnections() {
    return open.size();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.put(s, true);
        threads.submit(() -> session(s));
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void session(Socket s) {
    try (s) {
      s.setSoTimeout(60_000);
      BufferedReader in = reader(s);
      OutputStream out = s.getOutputStream();
      boolean tls = s instanceof SSLSocket;
      boolean authenticated = false;
      if (tls) {
        tlsSessions.incrementAndGet();
      }
      connections.incrementAndGet();
      if (silent) {
        s.getInputStream().read(); // until the client gives up (or a minute passes)
        return;
      }
      if (take(refuseConnections)) {
        refusedConnections.incrementAndGet();
        reply(out, "421 4.3.2 too busy, try later");
        return;
      }
      reply(out, "220 faulty.test ESMTP");
      List<String> recipients = new ArrayList<>();
      String sender = null;
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase();
        if (upper.startsWith("EHLO")) {
          reply(
              out,
              "250-faulty.test\r\n"
                  + (pipelining ? "250-PIPELINING\r\n" : "")
                  + (startTls != null && !tls ? "250-STARTTLS\r\n" : "")
                  + (login != null ? "250-AUTH " + loginMechanisms + "\r\n" : "")
                  + "250-8BITMIME\r\n250 SIZE 10000000");
        } else if (upper.startsWith("HELO")) {
          reply(out, "250 faulty.test");
        } else if (upper.equals("STARTTLS") && startTls != null && !tls) {
          reply(out, "220 2.0.0 ready to start TLS");
          SSLSocket secured =
              (SSLSocket) startTls.getSocketFactory().createSocket(s, null, s.getPort(), false);
          secured.setUseClientMode(false);
          secured.startHandshake();
          tlsSessions.incrementAndGet();
          tls = true;
          authenticated = false;
          in = reader(secured);
          out = secured.getOutputStream();
        } else if (upper.startsWith("AUTH ") && login != null) {
          String[] parts = line.split(" ");
          String mechanism = parts[1].toUpperCase();
          String user;
          String password;
          if (mechanism.equals("PLAIN") && loginMechanisms.contains("PLAIN")) {
            String response = parts.length > 2 ? parts[2] : challenge(in, out, "");
            String[] plain = decode(response).split("\0", -1);
            user = plain.length == 3 ? plain[1] : "";
            password = plain.length == 3 ? plain[2] : "";
          } else if (mechanism.equals("LOGIN") && loginMechanisms.contains("LOGIN")) {
            user = decode(challenge(in, out, "VXNlcm5hbWU6"));
            password = decode(challenge(in, out, "UGFzc3dvcmQ6"));
          } else {
            reply(out, "504 5.5.4 mechanism not supported");
            continue;
          }
          if (login[0].equals(user) && login[1].equals(password)) {
            logins.incrementAndGet();
            authenticated = true;
            reply(out, "235 2.7.0 authentication successful");
          } else {
            refusedLogins.incrementAndGet();
            reply(out, "535 5.7.8 authentication credentials invalid");
          }
        } else if (upper.startsWith("MAIL FROM") && requireTls && !tls) {
          reply(out, "530 5.7.0 must issue a STARTTLS command first");
        } else if (upper.startsWith("MAIL FROM") && login != null && !authenticated) {
          reply(out, "530 5.7.0 authentication required");
        } else if (upper.startsWith("MAIL FROM")) {
          recipients.clear();
          sender = line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", "");
          if (in.ready()) {
            pipelinedEnvelopes.incrementAndGet();
          }
          reply(out, "250 2.1.0 ok");
        } else if (upper.startsWith("RCPT TO")) {
          String rcpt = line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", "");
          if (rejectRecipient.test(rcpt)) {
            reply(out, "550 5.1.1 <" + rcpt + ">: recipient unknown");
          } else {
            recipients.add(rcpt);
            reply(out, "250 2.1.5 ok");
          }
        } else if (upper.equals("DATA") && recipients.isEmpty()) {
          reply(out, "554 5.5.1 no valid recipients");
        } else if (upper.equals("DATA")) {
          reply(out, "354 go ahead");
          StringBuilder data = new StringBuilder();
          String d;
          while ((d = in.readLine()) != null && !d.equals(".")) {
            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
          }
          if (d != null && in.ready()) {
            envelopesBehindContent.incrementAndGet();
          }
          if (d == null) {
            // the client went away (e.g. killed) before the final ".": as a real server, take
            // nothing (RFC 5321 4.1.1.4)
            return;
          }
          if (take(dropAfterData)) {
            dropped.incrementAndGet();
            return;
          }
          if (take(temporaryFailures)) {
            answered451.incrementAndGet();
            reply(out, "451 4.3.0 temporary failure, try again");
            continue;
          }
          Matcher m = MESSAGE_ID.matcher(data);
          String id = m.find() ? m.group(1) : null;
          for (String r : recipients) {
            received.add(new Received(r.toLowerCase(), id, data.toString(), sender));
          }
          reply(out, "250 2.0.0 queued");
        } else if (upper.startsWith("RSET")) {
          recipients.clear();
          reply(out, "250 2.0.0 ok");
        } else if (upper.startsWith("NOOP")) {
          reply(out, "250 2.0.0 ok");
        } else if (upper.startsWith("QUIT")) {
          reply(out, "221 2.0.0 bye");
          return;
        } else {
          reply(out, "502 5.5.2 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(s);
    }
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(
        new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  private static String challenge(BufferedReader in, OutputStream out, String text)
      throws IOException {
    reply(out, "334 " + text);
    String response = in.readLine();
    return response == null ? "" : response.strip();
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static boolean take(AtomicInteger budget) {
    return budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open.keySet()) {
      s.close();
    }
    threads.shutdownNow();
  }
}
