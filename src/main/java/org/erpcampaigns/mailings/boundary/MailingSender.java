package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.contacts.entity.ContactOrder;
import org.erpcampaigns.mailings.control.Backoff;
import org.erpcampaigns.mailings.control.MailComposer;
import org.erpcampaigns.mailings.control.MailingContent;
import org.erpcampaigns.mailings.control.MessageRenderer;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.erpcampaigns.mailings.control.NoDelaySocketFactory;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.control.OutboxStore.Claimed;
import org.erpcampaigns.mailings.control.OutboxStore.Failure;
import org.erpcampaigns.mailings.control.PipelinedSmtpConnection;
import org.erpcampaigns.mailings.control.RelayBreaker;
import org.erpcampaigns.mailings.control.SmtpConnectionFailed;
import org.erpcampaigns.mailings.control.SmtpOutcome;
import org.erpcampaigns.mailings.control.StreamProviderShortcut;
import org.erpcampaigns.mailings.control.TemplateError;
import org.erpcampaigns.mailings.control.Throttle;
import org.erpcampaigns.mailings.entity.MessagesSent;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.control.Databases;
import org.erpcampaigns.tracking.control.TrackingLinks;

/**
 * Sends the outbox. A non-persistent tick on every instance (shared/DESIGN.md §5) starts scheduled
 * mailings, takes over stale claims, completes finished mailings and keeps the sender threads
 * running (managed executor). Each thread claims due rows of a sending mailing in batches ({@code
 * FOR UPDATE SKIP LOCKED}, so threads and instances never share a row), renders them and sends them
 * over one SMTP connection through the container's mail session, within the global and the
 * mailing's throttle.
 *
 * <p>Exactly once: a row's Message-ID is committed with its claim, before any SMTP transaction; the
 * claim is sent in id order, and before each SMTP transaction the claim's progress row records the
 * id (one small autocommitted update per message); a message not accepted is written to its row at
 * once, the accepted ones become SENT together at the end of the claim. Pausing, cancelling and
 * stopping the application let the current message finish and put the untried rest back, so a
 * restart resends nothing. Only a hard crash (kill -9, power loss) can leave a message "in doubt" —
 * at most one per sender thread: {@code campaigns.mail.in-doubt=resend} (default) sends it again
 * with the same Message-ID, which receiving systems use to drop the copy; {@code assume-sent} never
 * resends it.
 */
@Singleton
@Startup
@DependsOn("TrackingConfiguration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@PermitAll
public class MailingSender {
  private static final Logger LOG = Logger.getLogger(MailingSender.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long ACTIVE_REFRESH_MS = 1000;
  private static final Duration WORKER_RUN = Duration.ofSeconds(60);

  /**
   * The wait after a connection to the relay could not be set up; doubled after each further failed
   * try, at most campaigns.mail.backoff-max-seconds.
   */
  private static final Duration FIRST_RELAY_WAIT = Duration.ofSeconds(5);

  /** About how long one claim lasts (twice that at most, when the server slows down). */
  static final long CLAIM_SECONDS = 2;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject OutgoingMail outgoingMail;

  @Resource ManagedExecutorService executor;

  @PersistenceUnit EntityManagerFactory emf;

  @Inject TrackingLinks trackingLinks;
  @Inject Event<MessagesSent> messagesSent;
  @EJB Mailings mailings;

  @Inject
  @ConfigProperty(name = "campaigns.mail.throttle-per-second", defaultValue = "0")
  long throttlePerSecond;

  @Inject
  @ConfigProperty(name = "campaigns.mail.workers", defaultValue = "4")
  int workers;

  @Inject
  @ConfigProperty(name = "campaigns.mail.batch-size", defaultValue = "500")
  int batchSize;

  @Inject
  @ConfigProperty(name = "campaigns.mail.max-attempts", defaultValue = "6")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "campaigns.mail.backoff-seconds", defaultValue = "60")
  long backoffSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.mail.backoff-max-seconds", defaultValue = "3600")
  long backoffMaxSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.mail.claim-timeout-seconds", defaultValue = "300")
  long claimTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.mail.in-doubt", defaultValue = "resend")
  String inDoubt;

  @Inject
  @ConfigProperty(name = "campaigns.mail.unsubscribe-mailto")
  Optional<String> unsubscribeMailto;

  @Inject
  @ConfigProperty(name = "campaigns.mail.smtp-timeout-seconds", defaultValue = "30")
  int smtpTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.mail.pipelining", defaultValue = "true")
  boolean pipelining;

  private final String instance = instanceName();
  private final AtomicLong claims = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final Map<Long, Throttle> mailingThrottles = new ConcurrentHashMap<>();
  private final Map<Long, MailingContent> contents = new ConcurrentHashMap<>();
  private final Map<List<Long>, java.util.concurrent.atomic.LongAdder> sentSinceTick =
      new ConcurrentHashMap<>();
  private final java.util.Set<Long> analysed = ConcurrentHashMap.newKeySet();
  private final MessageRenderer renderer = new MessageRenderer();
  private volatile boolean stopping;
  private volatile Map<Long, Integer> sendersByMailing = Map.of();
  private volatile List<Active> active = List.of();
  private volatile long activeReadAt;
  private Throttle globalThrottle;
  private Backoff backoff;
  private RelayBreaker relay;
  private Session session;
  private PipelinedSmtpConnection.Settings pipelined;
  private String orderView;
  private String channelView;

  /** A mailing being sent: what the threads need to claim and throttle its rows. */
  record Active(long mailingId, long campaignId, long templateId, Integer throttle) {}

  /**
   * Payara Micro stops on SIGTERM without always undeploying first: this hook lets the threads
   * finish their messages (milliseconds) while the server shuts down.
   */
  private final Thread shutdownHook = new Thread(this::stopSending, "mail-sender-shutdown");

  @PostConstruct
  void init() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    StreamProviderShortcut.apply();
    globalThrottle = new Throttle(throttlePerSecond);
    relay =
        new RelayBreaker(
            new Backoff(FIRST_RELAY_WAIT, Duration.ofSeconds(backoffMaxSeconds)),
            Clock.systemUTC());
    backoff =
        new Backoff(Duration.ofSeconds(backoffSeconds), Duration.ofSeconds(backoffMaxSeconds));
    Properties props = outgoingMail.properties();
    pipelined =
        pipelining
            ? PipelinedSmtpConnection.Settings.of(
                    props, outgoingMail.relay().password(), smtpTimeoutSeconds * 1000)
                .orElse(null)
            : null;
    props.put("mail.debug", "false");
    if (!props.containsKey("mail.smtp.socketFactory")
        && !"true".equals(props.getProperty("mail.smtp.ssl.enable"))) {
      props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    }
    session = outgoingMail.relay().session(props);
    session.setDebug(false);
    var mapping = emf.unwrap(JpaEntityManagerFactory.class).getServerSession();
    orderView = mapping.getDescriptor(ContactOrder.class).getTableName();
    channelView = mapping.getDescriptor(ContactChannel.class).getTableName();
    LOG.info(
        () ->
            "event=mail-sender-ready instance="
                + instance
                + " workers="
                + workers
                + " batch="
                + batchSize
                + " throttle="
                + throttlePerSecond
                + " in-doubt="
                + inDoubt
                + " smtp-client="
                + (pipelined != null ? "pipelined" : "jakarta-mail")
                + " "
                + outgoingMail.relay());
  }

  /** The clock of the outbox: starts, takes over, completes, and keeps the threads going. */
  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (stopping) {
      return;
    }
    try {
      startDueMailings();
      reconcile();
      announceSent();
      shareThrottles();
      int stalled =
          PipelinedSmtpConnection.abortStalledWrites(TimeUnit.SECONDS.toNanos(smtpTimeoutSeconds));
      if (stalled > 0) {
        LOG.warning(() -> "event=smtp-write-timeout connections=" + stalled);
      }
      if (ticks.incrementAndGet() % 15 == 0) {
        vacuumProgress();
      }
      try (Connection c = dataSource.getConnection()) {
        OutboxStore.sweepCancelled(c, maxAttempts);
        int completed = OutboxStore.completeFinished(c, maxAttempts, now());
        if (completed > 0) {
          LOG.info(() -> "event=mailings-completed count=" + completed);
        }
      }
      wakeUp();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "event=mail-tick-failed", e);
    }
  }

  /**
   * Tells observers (campaign costs) how many messages each mailing got accepted since the last
   * tick: once per tick, not once per batch (an observer's transaction per batch cost a sixth of
   * the sender's time).
   */
  private void announceSent() {
    for (List<Long> key : List.copyOf(sentSinceTick.keySet())) {
      long count = sentSinceTick.get(key).sumThenReset();
      if (count > 0) {
        messagesSent.fire(new MessagesSent(key.get(0), key.get(1), (int) count));
      }
    }
  }

  /**
   * Throttles are for the cluster: each instance takes the configured rates divided by the
   * instances sending at the moment (those with a claim in progress, this one included), globally
   * and per mailing. Instances that start or stop sending are seen within a tick.
   */
  private void shareThrottles() throws SQLException {
    Map<Long, java.util.Set<String>> byMailing = new java.util.HashMap<>();
    java.util.Set<String> all = new java.util.HashSet<>();
    all.add(instance);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT CLAIM_TOKEN, MAILING_ID FROM CM_SENDER_PROGRESS WHERE UPDATED_AT > ?")) {
      ps.setObject(1, now().minusSeconds(10));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String sender = instanceOf(rs.getString(1));
          all.add(sender);
          byMailing.computeIfAbsent(rs.getLong(2), k -> new java.util.HashSet<>()).add(sender);
        }
      }
    }
    globalThrottle.share(all.size());
    Map<Long, Integer> counts = new java.util.HashMap<>();
    byMailing.forEach(
        (mailing, senders) -> {
          senders.add(instance);
          counts.put(mailing, senders.size());
        });
    sendersByMailing = Map.copyOf(counts);
    mailingThrottles.forEach((mailing, t) -> t.share(counts.getOrDefault(mailing, 1)));
  }

  /** The instance part of a claim token ({@code instance:thread:claim}). */
  static String instanceOf(String claimToken) {
    int last = claimToken.lastIndexOf(':');
    int before = last > 0 ? claimToken.lastIndexOf(':', last - 1) : -1;
    return before > 0 ? claimToken.substring(0, before) : claimToken;
  }

  /** Starts sender threads up to the configured number (a mailing was started or resumed). */
  public void wakeUp() {
    activeReadAt = 0;
    while (!stopping) {
      int n = running.get();
      if (n >= workers) {
        return;
      }
      if (running.compareAndSet(n, n + 1)) {
        try {
          executor.submit(this::work);
        } catch (RuntimeException e) {
          running.decrementAndGet();
          throw e;
        }
      }
    }
  }

  /** Forgets what was compiled for a mailing (its state changed). */
  public void forget(long mailingId) {
    contents.remove(mailingId);
    mailingThrottles.remove(mailingId);
    activeReadAt = 0;
  }

  private void startDueMailings() throws SQLException {
    List<Long> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID FROM CM_MAILING WHERE STATE = 'SCHEDULED' AND SEND_AT <= ?"
                    + " ORDER BY SEND_AT")) {
      ps.setObject(1, now());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(rs.getLong(1));
        }
      }
    }
    for (long id : due) {
      try {
        mailings.startScheduled(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event=mailing-start-failed mailing=" + id, e);
      }
    }
  }

  private void reconcile() throws SQLException {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection()) {
      OutboxStore.Reconciled r =
          OutboxStore.reconcile(
              c,
              now.minusSeconds(claimTimeoutSeconds),
              !"assume-sent".equals(inDoubt),
              instance + ":reconcile:" + claims.incrementAndGet(),
              now);
      if (r.retried() > 0 || r.inDoubt() > 0 || !r.sentByMailing().isEmpty()) {
        LOG.warning(
            () ->
                "event=outbox-reconciled untried="
                    + r.retried()
                    + " in-doubt="
                    + r.inDoubt()
                    + " policy="
                    + inDoubt
                    + " confirmed="
                    + r.sentByMailing());
      }
      r.sentByMailing()
          .forEach(
              (key, count) -> messagesSent.fire(new MessagesSent(key.get(0), key.get(1), count)));
    }
  }

  private List<Active> active() {
    long nowMs = System.currentTimeMillis();
    if (nowMs - activeReadAt < ACTIVE_REFRESH_MS) {
      return active;
    }
    synchronized (this) {
      if (nowMs - activeReadAt < ACTIVE_REFRESH_MS) {
        return active;
      }
      List<Active> read = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ID, CAMPAIGN_ID, TEMPLATE_ID, THROTTLE_PER_SECOND FROM CM_MAILING"
                      + " WHERE STATE = 'SENDING' ORDER BY ID")) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int t = rs.getInt(4);
            // wasNull speaks of the column read last: ask before reading the others
            Integer throttle = rs.wasNull() || t <= 0 ? null : t;
            read.add(new Active(rs.getLong(1), rs.getLong(2), rs.getLong(3), throttle));
          }
        }
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "event=mail-active-read-failed", e);
        return List.of();
      }
      active = List.copyOf(read);
      for (Active a : active) {
        if (analysed.add(a.mailingId())) {
          analyseOutbox();
        }
      }
      activeReadAt = System.currentTimeMillis();
      return active;
    }
  }

  /**
   * The progress rows are updated once per message and deleted once per claim: on PostgreSQL their
   * table is vacuumed every thirty seconds, whatever autovacuum is set to (without, it grew to 25
   * MB for no live row over a few benchmark runs, and each claim wrote more pages to the log).
   */
  private void vacuumProgress() {
    onPostgres("VACUUM CM_SENDER_PROGRESS", Level.FINE, "event=sender-progress-vacuum-failed");
  }

  /**
   * A mailing has just put many rows into the outbox: on PostgreSQL, refresh the statistics at
   * once, or the planner keeps thinking the outbox small and scans it whole for every claim.
   */
  private void analyseOutbox() {
    onPostgres("ANALYZE CM_OUTBOX", Level.WARNING, "event=outbox-analyse-failed");
  }

  /** Runs a maintenance statement when the database is PostgreSQL; a failure is only logged. */
  private void onPostgres(String statement, Level level, String failure) {
    try (Connection c = dataSource.getConnection()) {
      if (Databases.isPostgres(c)) {
        try (var st = c.createStatement()) {
          st.execute(statement);
        }
      }
    } catch (SQLException e) {
      LOG.log(level, failure, e);
    }
  }

  private boolean stillActive(long mailingId) {
    return !stopping && active().stream().anyMatch(a -> a.mailingId() == mailingId);
  }

  /** One sender thread: claims and sends until there is nothing due, for a minute at most. */
  private void work() {
    long until = System.nanoTime() + WORKER_RUN.toNanos();
    SmtpConnection smtp = new SmtpConnection();
    try (Connection c = dataSource.getConnection()) {
      OutboxStore.relaxDurability(c, true);
      try {
        int idleRounds = 0;
        int round = 0;
        ClaimSize size = new ClaimSize(batchSize);
        while (!stopping && System.nanoTime() < until && idleRounds < 8) {
          List<Active> mailingsNow = active();
          if (mailingsNow.isEmpty()) {
            break;
          }
          int sent = 0;
          // start with a different mailing each round, so concurrent mailings share the threads
          for (int i = 0; i < mailingsNow.size() && !stopping; i++) {
            Active a = mailingsNow.get((i + round) % mailingsNow.size());
            long start = System.nanoTime();
            int handled = sendBatch(c, smtp, a, size.next());
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
      if (stopping) {
        // the JVM may be exiting, and its log handlers closed already: an admin must still learn
        // that a claim could not be ended (its rows wait for reconciliation at the next start)
        System.err.println("event=mail-worker-failed while stopping: " + e);
      }
    } finally {
      smtp.close();
      running.decrementAndGet();
    }
  }

  /**
   * How many rows a sender thread claims: about {@link #CLAIM_SECONDS} of its own recent sending
   * (at most the batch size; starting small, at most doubling from one claim to the next). A claim
   * marks its accepted rows SENT when it ends, so this keeps the progress page and the sent times
   * within seconds of the truth on a slow SMTP server as on a fast one.
   */
  static final class ClaimSize {
    private final int max;
    private int next;

    ClaimSize(int max) {
      this.max = Math.max(1, max);
      this.next = Math.min(this.max, 50);
    }

    int next() {
      return next;
    }

    /** After a claim that handled {@code rows} in {@code nanos}. */
    void after(int rows, long nanos) {
      if (rows <= 0) {
        return;
      }
      long fit = (long) (rows * 1e9 / Math.max(1, nanos) * CLAIM_SECONDS);
      next = (int) Math.max(1, Math.min(max, Math.min(2L * next, fit)));
    }
  }

  /**
   * Claims one batch of a mailing and sends it; returns the number of rows handled (sent, or
   * settled otherwise), not those put back.
   */
  private int sendBatch(Connection c, SmtpConnection smtp, Active a, int claimSize)
      throws SQLException {
    if (!relay.allows()) {
      return 0; // the relay cannot be reached: nothing is claimed until the next try
    }
    MailingContent content;
    try {
      content = contents.computeIfAbsent(a.mailingId(), id -> load(a));
    } catch (TemplateError | IllegalStateException e) {
      LOG.log(Level.SEVERE, "event=mailing-template-unusable mailing=" + a.mailingId(), e);
      return 0;
    }
    Throttle mailingThrottle =
        a.throttle() == null
            ? null
            : mailingThrottles.compute(
                a.mailingId(),
                (id, t) -> {
                  if (t != null && t.perSecond() == a.throttle()) {
                    return t;
                  }
                  Throttle fresh = new Throttle(a.throttle());
                  fresh.share(sendersByMailing.getOrDefault(id, 1));
                  return fresh;
                });
    // about one second of work per claim, so pause and cancel take effect within seconds
    long rate =
        Math.min(
            globalThrottle.isLimited() ? globalThrottle.instanceShare() : Long.MAX_VALUE,
            mailingThrottle == null || !mailingThrottle.isLimited()
                ? Long.MAX_VALUE
                : mailingThrottle.instanceShare());
    int limit = (int) Math.max(1, Math.min(claimSize, rate / Math.max(1, workers)));
    String token = instance + ":" + Thread.currentThread().getId() + ":" + claims.incrementAndGet();
    String domain = MailComposer.domainOf(content.senderAddress());
    List<Long> ids =
        OutboxStore.claim(
            c,
            a.mailingId(),
            limit,
            maxAttempts,
            token,
            now(),
            id -> MailComposer.messageId(id, randomPart(), domain));
    if (ids.isEmpty()) {
      return 0;
    }
    List<Claimed> rows =
        OutboxStore.load(
            c, token, ids, content.needsOrders() ? orderView : null, channelView, now());
    long lastBegun = 0;
    int begun = 0;
    LocalDateTime lastAccepted = now();
    ClaimQueue queue = new ClaimQueue(c, token, content, rows.iterator());
    try (PreparedStatement begin = OutboxStore.prepareBegin(c)) {
      // in id order: the claim's progress (the id about to be sent) says what a crash left behind
      long cutAt = System.nanoTime() + 2 * CLAIM_SECONDS * 1_000_000_000L;
      while (stillActive(a.mailingId()) && System.nanoTime() <= cutAt) {
        Outgoing current = queue.take();
        if (current == null
            || !globalThrottle.acquire()
            || (mailingThrottle != null && !mailingThrottle.acquire())
            || !stillActive(a.mailingId())) {
          break; // the rest goes back to PENDING with the end of the claim
        }
        // the next message is ready before this one's transaction begins (nothing but SMTP
        // between the progress update and the outcome): its envelope goes out behind this one's
        // content, and the server waits for its content while the throttle may hold it back
        // (seconds at most)
        Outgoing next = queue.peek();
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
          boolean last = row.attempts() >= maxAttempts;
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
                      retry(row)));
        }
      }
    }
    int handled = begun + queue.settled;
    int sent = OutboxStore.finish(c, token, lastBegun, lastAccepted);
    if (sent > 0) {
      sentSinceTick
          .computeIfAbsent(
              List.of(a.campaignId(), a.mailingId()),
              k -> new java.util.concurrent.atomic.LongAdder())
          .add(sent);
    }
    return handled;
  }

  /**
   * A claimed row, rendered: its message, recipient and SMTP envelope (when our pipelining
   * connection sends); or, when it cannot go (suppressed, invalid address, not rendered), the
   * outcome to write for it.
   */
  private record Outgoing(
      Claimed row,
      MimeMessage message,
      InternetAddress to,
      PipelinedSmtpConnection.Envelope envelope,
      Failure unsendable) {

    static Outgoing cannotGo(Claimed row, Failure outcome) {
      return new Outgoing(row, null, null, null, outcome);
    }
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
    private Outgoing ahead; // rendered, can go, not taken yet

    /** Rows whose outcome was written because they cannot go. */
    int settled;

    ClaimQueue(Connection c, String token, MailingContent content, Iterator<Claimed> pending) {
      this.c = c;
      this.token = token;
      this.content = content;
      this.pending = pending;
    }

    /** The next row that can go, taken from the queue; null when none is left. */
    Outgoing take() throws SQLException {
      Outgoing first = peek();
      ahead = null;
      return first;
    }

    /**
     * The next row that can go, left in the queue; the rows before it that cannot go get their
     * outcome written now (one transaction each).
     */
    Outgoing peek() throws SQLException {
      while (ahead == null && pending.hasNext()) {
        Outgoing o = render(content, pending.next());
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

  /** Renders a claimed row's message, or says why it cannot go. */
  private Outgoing render(MailingContent content, Claimed row) {
    if (row.suppressed()) {
      return Outgoing.cannotGo(
          row, new Failure(row.outboxId(), OutboxState.SUPPRESSED, null, null));
    }
    try {
      InternetAddress to = MailComposer.recipient(row.email());
      MimeMessage message = compose(content, row, to);
      return new Outgoing(
          row, message, to, pipelined == null ? null : pipelined.envelope(message, to), null);
    } catch (AddressException e) {
      return Outgoing.cannotGo(
          row,
          new Failure(
              row.outboxId(), OutboxState.BOUNCED, "invalid address: " + e.getMessage(), null));
    } catch (MessagingException | RuntimeException e) {
      // a row that cannot be rendered, whatever the reason, fails alone (retried later) instead of
      // ending the claim
      LOG.log(Level.FINE, "event=message-not-rendered outbox=" + row.outboxId(), e);
      return Outgoing.cannotGo(
          row,
          new Failure(
              row.outboxId(), OutboxState.FAILED, "not rendered: " + e.getMessage(), retry(row)));
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

  /**
   * Since when this instance cannot reach the relay, why and when it tries again; empty while the
   * relay works.
   */
  public Optional<RelayBreaker.Outage> relayOutage() {
    return relay.outage();
  }

  /** Writes a row's outcome at once: the claim's progress will move past it. */
  private static void settle(Connection c, String token, Failure f) throws SQLException {
    OutboxStore.settle(c, token, f, now());
  }

  private LocalDateTime retry(Claimed row) {
    return now().plus(backoff.after(row.attempts()));
  }

  private MimeMessage compose(MailingContent content, Claimed row, InternetAddress to)
      throws MessagingException {
    CompiledVariant variant = content.variantFor(row.recipient().language());
    String unsubscribe = trackingLinks.unsubscribeUrl(row.outboxId());
    java.util.Locale language = new java.util.Locale(row.recipient().language());
    RenderedMessage rendered =
        renderer.render(
            variant, row.recipient().model(language, unsubscribe), row.recipient().locale());
    RenderedMessage tracked =
        new RenderedMessage(
            rendered.subject(),
            trackingLinks.rewrite(row.outboxId(), rendered.html()),
            rendered.text());
    return MailComposer.compose(
        session,
        content,
        to,
        tracked,
        row.messageId(),
        unsubscribe,
        unsubscribeMailto(content, unsubscribe));
  }

  /** The List-Unsubscribe mailto: the configured address (or unsubscribe@ the sender's domain). */
  String unsubscribeMailto(MailingContent content, String unsubscribeUrl) {
    String address =
        unsubscribeMailto
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .orElse("unsubscribe@" + MailComposer.domainOf(content.senderAddress()));
    String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
    return address + "?subject=unsubscribe%20" + token;
  }

  private MailingContent load(Active a) {
    try (Connection c = dataSource.getConnection()) {
      return Mailings.content(c, renderer, a.mailingId(), a.campaignId(), a.templateId());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the template of mailing " + a.mailingId() + " is unreadable", e);
    }
  }

  /** Lets the threads finish their current message and put the rest of their claims back. */
  @PreDestroy
  void stop() {
    stopSending();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs (or ran) anyway
    }
  }

  private void stopSending() {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(smtpTimeoutSeconds + 5L);
    while (running.get() > 0 && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    LOG.info(() -> "event=mail-sender-stopped threads-still-running=" + running.get());
    try {
      announceSent();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "event=messages-sent-not-announced", e);
    }
  }

  /**
   * One SMTP connection per sender thread, opened when needed and renewed after a failure: our
   * pipelining one where the mail session allows, Jakarta Mail's transport otherwise.
   */
  private final class SmtpConnection {
    private Transport transport;
    private PipelinedSmtpConnection connection;

    /** Sends {@code current}; {@code next}, when known, is the message this thread sends next. */
    void send(Outgoing current, Outgoing next) throws MessagingException {
      if (pipelined != null) {
        if (connection != null
            && (!connection.usable() || connection.waitsForOtherThan(current.envelope()))) {
          close(); // e.g. the message announced last was not sent (paused): the server forgets it
        }
        if (connection == null) {
          connection = PipelinedSmtpConnection.open(pipelined);
          relayAvailable();
        }
        connection.send(
            current.message(), current.envelope(), next == null ? null : next.envelope());
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
        relayAvailable();
        transport = t;
      }
      transport.sendMessage(current.message(), new InternetAddress[] {current.to()});
    }

    void close() {
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

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  private static String randomPart() {
    return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }

  private static String instanceName() {
    String jvm = ManagementFactory.getRuntimeMXBean().getName();
    return (jvm.length() > 40 ? jvm.substring(0, 40) : jvm)
        + ":"
        + Long.toString(System.nanoTime() & 0xffffff, 36);
  }

  /** Rows per state of a mailing, for the progress page and the API. */
  public Map<OutboxState, Long> counts(long mailingId) {
    try (Connection c = dataSource.getConnection()) {
      return OutboxStore.counts(c, mailingId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mapping's order view, for purchase figures (named by the JPA mapping). */
  public String orderView() {
    return orderView;
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
