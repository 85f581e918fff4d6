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
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.contacts.control.MappedViews;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.mailings.control.Backoff;
import org.erpcampaigns.mailings.control.ClaimSender;
import org.erpcampaigns.mailings.control.ClusterThrottles;
import org.erpcampaigns.mailings.control.MailingContent;
import org.erpcampaigns.mailings.control.MailingsBeingSent;
import org.erpcampaigns.mailings.control.MessageRenderer;
import org.erpcampaigns.mailings.control.NoDelaySocketFactory;
import org.erpcampaigns.mailings.control.OutboxMaintenance;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.control.OutgoingMessages;
import org.erpcampaigns.mailings.control.PipelinedSmtpConnection;
import org.erpcampaigns.mailings.control.RelayBreaker;
import org.erpcampaigns.mailings.control.SenderThreads;
import org.erpcampaigns.mailings.control.StreamProviderShortcut;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.TrackingLinks;

/**
 * Sends the outbox. A non-persistent tick on every instance (shared/DESIGN.md §5) takes over stale
 * claims ({@link OutboxMaintenance}), shares the throttles with the other instances ({@link
 * ClusterThrottles}), completes finished mailings and keeps the sender threads running ({@link
 * SenderThreads}). Each thread ({@link ClaimSender}) claims due rows of a sending mailing ({@link
 * MailingsBeingSent}) in batches ({@code FOR UPDATE SKIP LOCKED}, so threads and instances never
 * share a row), renders them ({@link OutgoingMessages}) and sends them over one SMTP connection,
 * within the global and the mailing's throttle. Scheduled mailings are started by {@link
 * ScheduledMailings}.
 *
 * <p>Exactly once: a row's Message-ID is committed with its claim, before any SMTP transaction;
 * stopping the application lets the current message finish and puts the untried rest back, so a
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

  /**
   * The wait after a connection to the relay could not be set up; doubled after each further failed
   * try, at most campaigns.mail.backoff-max-seconds.
   */
  private static final Duration FIRST_RELAY_WAIT = Duration.ofSeconds(5);

  /** The outbox's times are UTC. */
  private static final Clock CLOCK = Clock.systemUTC();

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject OutgoingMail outgoingMail;

  @Resource ManagedExecutorService executor;

  @PersistenceUnit EntityManagerFactory emf;

  @Inject TrackingLinks trackingLinks;
  @Inject ReturnPaths returnPaths;
  @EJB SentMessages sentMessages;

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
  private final AtomicLong ticks = new AtomicLong();
  private final MessageRenderer renderer = new MessageRenderer();
  private ClusterThrottles throttles;
  private RelayBreaker relay;
  private MailingsBeingSent mailings;
  private OutboxMaintenance maintenance;
  private SenderThreads threads;
  private String orderView;

  /**
   * Payara Micro stops on SIGTERM without always undeploying first: this hook lets the threads
   * finish their messages (milliseconds) while the server shuts down.
   */
  private final Thread shutdownHook = new Thread(this::stopSending, "mail-sender-shutdown");

  @PostConstruct
  void init() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    StreamProviderShortcut.apply();
    throttles = new ClusterThrottles(instance, throttlePerSecond);
    relay =
        new RelayBreaker(
            new Backoff(FIRST_RELAY_WAIT, Duration.ofSeconds(backoffMaxSeconds)), CLOCK);
    Properties props = outgoingMail.properties();
    PipelinedSmtpConnection.Settings pipelined =
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
    Session session = outgoingMail.relay().session(props);
    session.setDebug(false);
    orderView = MappedViews.orders(emf);
    String channelView = MappedViews.of(emf, ContactChannel.class);
    maintenance =
        new OutboxMaintenance(
            dataSource, CLOCK, instance, claimTimeoutSeconds, inDoubt, maxAttempts);
    mailings =
        new MailingsBeingSent(
            CLOCK,
            () -> {
              try (Connection c = dataSource.getConnection()) {
                return OutboxStore.sendingMailings(c);
              }
            },
            mailing -> maintenance.analyseOutbox());
    ClaimSender sender =
        new ClaimSender(
            dataSource,
            new ClaimSender.Settings(
                instance, workers, batchSize, maxAttempts, orderView, channelView),
            session,
            pipelined,
            new OutgoingMessages(
                session,
                pipelined,
                renderer,
                trackingLinks,
                returnPaths,
                unsubscribeMailto,
                new Backoff(
                    Duration.ofSeconds(backoffSeconds), Duration.ofSeconds(backoffMaxSeconds)),
                CLOCK),
            mailings,
            this::load,
            throttles,
            relay,
            () -> threads.isStopping(),
            CLOCK);
    threads = new SenderThreads(executor, workers, sender::run);
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
                + " return-path="
                + returnPaths
                + " "
                + outgoingMail.relay());
  }

  /** The clock of the outbox: takes over, completes, and keeps the threads going. */
  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (threads.isStopping()) {
      return;
    }
    try {
      maintenance.reconcile();
      announceSent();
      try (Connection c = dataSource.getConnection()) {
        throttles.share(OutboxStore.claimsInProgress(c, LocalDateTime.now(CLOCK).minusSeconds(10)));
      }
      int stalled =
          PipelinedSmtpConnection.abortStalledWrites(TimeUnit.SECONDS.toNanos(smtpTimeoutSeconds));
      if (stalled > 0) {
        LOG.warning(() -> "event=smtp-write-timeout connections=" + stalled);
      }
      if (ticks.incrementAndGet() % 15 == 0) {
        maintenance.vacuumProgress();
      }
      maintenance.closeMailings();
      wakeUp();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "event=mail-tick-failed", e);
    }
  }

  /**
   * Tells observers (campaign costs) how many messages each mailing got accepted since its last
   * announcement, from the outbox's counts: once per tick, not once per claim (an observer's
   * transaction per batch cost a sixth of the sender's time). One that fails is made again at the
   * next tick, on whichever instance.
   */
  private void announceSent() {
    for (long mailing : sentMessages.unannounced()) {
      try {
        sentMessages.announce(mailing);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "event=messages-sent-not-announced mailing=" + mailing + " retry=next-tick",
            e);
      }
    }
  }

  /** Starts sender threads up to the configured number (a mailing was started or resumed). */
  public void wakeUp() {
    mailings.refreshSoon();
    threads.wakeUp();
  }

  /** Forgets what was compiled for a mailing (its state changed). */
  public void forget(long mailingId) {
    mailings.forget(mailingId);
    throttles.forget(mailingId);
  }

  private MailingContent load(MailingsBeingSent.Sending a) {
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
    // what the last claims sent is counted in the outbox: announced at the next tick, here or on
    // another instance
    threads.stop(Duration.ofSeconds(smtpTimeoutSeconds + 5L));
  }

  /**
   * Since when this instance cannot reach the relay, why and when it tries again; empty while the
   * relay works.
   */
  public Optional<RelayBreaker.Outage> relayOutage() {
    return relay.outage();
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
