package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.control.EngagementClassifier;
import org.erpcampaigns.tracking.control.EventBuffer;
import org.erpcampaigns.tracking.control.EventIds;
import org.erpcampaigns.tracking.control.EventWriter;
import org.erpcampaigns.tracking.entity.EngagementEvent;

/**
 * Records engagement events without making a recipient's click wait for the database: events go
 * into a bounded in-memory buffer that a background task writes in JDBC batches every few hundred
 * milliseconds, and that is written out when the application stops. When a burst fills the buffer,
 * the request that finds it full writes a batch itself, so bursts slow down instead of losing
 * events or growing memory.
 */
@Singleton
@Startup
@DependsOn({"ApplicationSetup", "TrackingConfiguration"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class EventRecorder {
  static final int BATCH = 500;
  private static final Logger LOG = Logger.getLogger(EventRecorder.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.event-buffer", defaultValue = "50000")
  int capacity;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.flush-millis", defaultValue = "250")
  long flushMillis;

  @Inject EngagementClassifier classifier;

  private final EventIds ids = new EventIds();
  private EventWriter writer;
  private EventBuffer buffer;
  private ScheduledFuture<?> task;

  @PostConstruct
  void start() {
    writer = new EventWriter(ids, classifier);
    buffer = new EventBuffer(Math.max(BATCH, capacity), BATCH, this::writeBatch);
    task =
        scheduler.scheduleWithFixedDelay(
            this::flushQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "event=event-recorder-started buffer="
                + Math.max(BATCH, capacity)
                + " flush-ms="
                + flushMillis);
  }

  /** Buffers the event; it reaches CM_EVENT within a flush interval. */
  public void record(EngagementEvent event) {
    buffer.add(event);
  }

  /** Writes everything buffered so far, in batches; returns the number of events written. */
  public int flush() {
    return buffer.flush();
  }

  /**
   * Writes events at once on the caller's connection (inside its transaction), with the same ids:
   * for events that must commit or roll back with other changes (an unsubscribe, a bounce).
   */
  public EventWriter writer() {
    return writer;
  }

  /** What the recorder has written since the application started. */
  public EventBuffer.Stats stats() {
    return buffer.stats();
  }

  private int writeBatch(List<EngagementEvent> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = writer.write(c, batch);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "event=event-flush-failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
    int n = flush();
    LOG.info(() -> "event=event-recorder-stopped flushed=" + n + " written=" + stats().written());
  }
}
