package org.erpcampaigns.mailings.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.mailings.control.MailingsBeingSent.Sending;
import org.erpcampaigns.mailings.control.OutboxStore.Claimed;
import org.erpcampaigns.mailings.control.OutboxStore.Failure;
import org.erpcampaigns.mailings.entity.OutboxState;

/**
 * What a sender thread does: claims due rows of the mailings being sent, in turns, and sends them
 * over its one connection to the relay, within the cluster's throttles, until nothing is due, for a
 * minute at most ({@link #run}).
 *
 * <p>Exactly once ({@link OutboxStore}): a row's Message-ID is committed with its claim, before any
 * SMTP transaction; the claim is sent in id order, and before each SMTP transaction the claim's
 * progress row records the id; a message not accepted is written to its row at once, the accepted
 * ones become SENT together at the end of the claim. Pause, cancel and stop let the current message
 * finish and put the untried rest back.
 */
public final class ClaimSender {
  private static final Logger LOG = Logger.getLogger(ClaimSender.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration RUN = Duration.ofSeconds(60);

  /** The sender's configuration and the database names the claims need. */
  public record Settings(
      String instance,
      int workers,
      int batchSize,
      int maxAttempts,
      String orderView,
      String channelView) {}

  private final DataSource dataSource;
  private final Settings settings;
  private final Session session;
  private final PipelinedSmtpConnection.Settings pipelined;
  private final OutgoingMessages messages;
  private final MailingsBeingSent mailings;
  private final Function<Sending, MailingContent> load;
  private final ClusterThrottles throttles;
  private final RelayBreaker relay;
  private final BooleanSupplier stopping;
  private final Clock clock;
  private final AtomicLong claims = new AtomicLong();

  /**
   * @param pipelined our pipelining connection's settings, or null to send through {@code
   *     session}'s transport
   * @param load reads and compiles a mailing's content (once per mailing and state)
   * @param stopping true once the application stops: the current message is the last
   */
  public ClaimSender(
      DataSource dataSource,
      Settings settings,
      Session session,
      PipelinedSmtpConnection.Settings pipelined,
      OutgoingMessages messages,
      MailingsBeingSent mailings,
      Function<Sending, MailingContent> load,
      ClusterThrottles throttles,
      RelayBreaker relay,
      BooleanSupplier stopping,
      Clock clock) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.session = session;
    this.pipelined = pipelined;
    this.messages = messages;
    this.mailings = mailings;
    this.load = load;
    this.throttles = throttles;
    this.relay = relay;
    this.stopping = stopping;
    this.clock = clock;
  }

  /** One sender thread: claims and sends until there is nothing due, for a minute at most. */
  public void run() {
    long until = System.nanoTime() + RUN.toNanos();
    try (RelayConnection smtp = new RelayConnection(session, pipelined, this::relayAvailable);
        Connection c = dataSource.getConnection()) {
      OutboxStore.relaxDurability(c, true);
      try {
        int idleRounds = 0;
        int round = 0;
        ClaimSize size = new ClaimSize(settings.batchSize());
        while (!stopping.getAsBoolean() && System.nanoTime() < until && idleRounds < 8) {
          List<Sending> now = mailings.now();
          if (now.isEmpty()) {
            break;
          }
          int sent = 0;
          // start with a different mailing each round, so concurrent mailings share the threads
          for (int i = 0; i < now.size() && !stopping.getAsBoolean(); i++) {
            Sending s = now.get((i + round) % now.size());
            long start = System.nanoTime();
            int handled = sendClaim(c, smtp, s, size.next());
            size.after(handled, System.nanoTime() - start);
            sent += handled;
          }
          round++;
          if (sent == 0) {
            idleRounds++;
            TimeUnit.MILLISECONDS.sleep(250);
          } else {
            idleRounds = 0;
          }
        }
      } finally {
        OutboxStore.relaxDurability(c, false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "event=mail-worker-failed", e);
      if (stopping.getAsBoolean()) {
        // the JVM may be exiting, and its log handlers closed already: an admin must still learn
        // that a claim could not be ended (its rows wait for reconciliation at the next start)
        System.err.println("event=mail-worker-failed while stopping: " + e);
      }
    }
  }

  private boolean stillSending(long mailingId) {
    return !stopping.getAsBoolean() && mailings.isSending(mailingId);
  }

  /**
   * Claims one batch of a mailing and sends it; returns the number of rows handled (sent, or
   * settled otherwise), not those put back.
   */
  private int sendClaim(Connection c, RelayConnection smtp, Sending a, int claimSize)
      throws SQLException {
    if (!relay.allows()) {
      return 0; // the relay cannot be reached: nothing is claimed until the next try
    }
    MailingContent content;
    try {
      content = mailings.content(a, load);
    } catch (TemplateError | IllegalStateException e) {
      LOG.log(Level.SEVERE, "event=mailing-template-unusable mailing=" + a.mailingId(), e);
      return 0;
    }
    Throttle global = throttles.global();
    Throttle mailingThrottle = throttles.forMailing(a.mailingId(), a.throttle());
    int limit = throttles.claimLimit(claimSize, mailingThrottle, settings.workers());
    String token =
        settings.instance() + ":" + Thread.currentThread().getId() + ":" + claims.incrementAndGet();
    String domain = MailComposer.domainOf(content.senderAddress());
    List<Long> ids =
        OutboxStore.claim(
            c,
            a.mailingId(),
            limit,
            settings.maxAttempts(),
            token,
            now(),
            id -> MailComposer.messageId(id, randomPart(), domain));
    if (ids.isEmpty()) {
      return 0;
    }
    List<Claimed> rows =
        OutboxStore.load(
            c,
            token,
            ids,
            content.needsOrders() ? settings.orderView() : null,
            settings.channelView(),
            now());
    long lastBegun = 0;
    int begun = 0;
    LocalDateTime lastAccepted = now();
    ClaimQueue queue = new ClaimQueue(c, token, content, rows.iterator());
    try (PreparedStatement begin = OutboxStore.prepareBegin(c)) {
      // in id order: the claim's progress (the id about to be sent) says what a crash left behind
      long cutAt = System.nanoTime() + 2 * ClaimSize.CLAIM_SECONDS * 1_000_000_000L;
      while (stillSending(a.mailingId()) && System.nanoTime() <= cutAt) {
        OutgoingMessage current = queue.take();
        if (current == null
            || !global.acquire()
            || (mailingThrottle != null && !mailingThrottle.acquire())
            || !stillSending(a.mailingId())) {
          break; // the rest goes back to PENDING with the end of the claim
        }
        // the next message is ready before this one's transaction begins (nothing but SMTP
        // between the progress update and the outcome): its envelope goes out behind this one's
        // content, and the server waits for its content while the throttle may hold it back
        // (seconds at most)
        OutgoingMessage next = queue.peek();
        Claimed row = current.row();
        if (!OutboxStore.begin(begin, token, row.outboxId(), now())) {
          // taken over by reconciliation after the claim timeout: the rest is not ours to send
          LOG.warning(() -> "event=outbox-claim-lost claim=" + token);
          return begun + queue.settled;
        }
        long sentBefore = lastBegun;
        lastBegun = row.outboxId();
        begun++;
        try {
          smtp.send(current, next);
          lastAccepted = now();
        } catch (SmtpConnectionFailed e) {
          // nothing was handed to the relay: this message and the rest of the claim go back
          // unsent, their attempt not counted, and no thread claims until the relay's next try
          relayUnavailable(e);
          lastBegun = sentBefore;
          begun--;
          break;
        } catch (MessagingException | IllegalStateException e) {
          SmtpOutcome outcome = SmtpOutcome.of(e);
          if (outcome.kind() != SmtpOutcome.Kind.PERMANENT) {
            smtp.close();
          }
          boolean last = row.attempts() >= settings.maxAttempts();
          settle(
              c,
              token,
              outcome.isPermanent()
                  ? new Failure(row.outboxId(), OutboxState.BOUNCED, outcome.reply(), null)
                  : new Failure(
                      row.outboxId(),
                      OutboxState.FAILED,
                      (last ? "gave up after " + row.attempts() + " attempts: " : "")
                          + outcome.reply(),
                      messages.retry(row)));
        }
      }
    }
    int handled = begun + queue.settled;
    OutboxStore.finish(c, a.mailingId(), a.campaignId(), token, lastBegun, lastAccepted);
    return handled;
  }

  /**
   * The rows of one claim on their way, in id order: each rendered once, and those that cannot go
   * written before the claim's progress moves past them.
   */
  private final class ClaimQueue {
    private final Connection c;
    private final String token;
    private final MailingContent content;
    private final Iterator<Claimed> pending;
    private OutgoingMessage ahead; // rendered, can go, not taken yet

    /** Rows whose outcome was written because they cannot go. */
    int settled;

    ClaimQueue(Connection c, String token, MailingContent content, Iterator<Claimed> pending) {
      this.c = c;
      this.token = token;
      this.content = content;
      this.pending = pending;
    }

    /** The next row that can go, taken from the queue; null when none is left. */
    OutgoingMessage take() throws SQLException {
      OutgoingMessage first = peek();
      ahead = null;
      return first;
    }

    /**
     * The next row that can go, left in the queue; the rows before it that cannot go get their
     * outcome written now (one transaction each).
     */
    OutgoingMessage peek() throws SQLException {
      while (ahead == null && pending.hasNext()) {
        OutgoingMessage o = messages.of(content, pending.next());
        if (o.unsendable() == null) {
          ahead = o;
        } else {
          settle(c, token, o.unsendable());
          settled++;
        }
      }
      return ahead;
    }
  }

  private void relayUnavailable(SmtpConnectionFailed e) {
    relay
        .failed(String.valueOf(e.getMessage()))
        .ifPresent(
            o ->
                LOG.warning(
                    () ->
                        "event=smtp-relay-unavailable failures="
                            + o.failures()
                            + " since="
                            + o.since()
                            + " next-try="
                            + o.retryAt()
                            + " reason="
                            + o.reason()));
  }

  private void relayAvailable() {
    relay
        .succeeded()
        .ifPresent(
            o ->
                LOG.info(
                    () ->
                        "event=smtp-relay-available-again failures="
                            + o.failures()
                            + " since="
                            + o.since()));
  }

  /** Writes a row's outcome at once: the claim's progress will move past it. */
  private void settle(Connection c, String token, Failure f) throws SQLException {
    OutboxStore.settle(c, token, f, now());
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  private static String randomPart() {
    return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }
}
