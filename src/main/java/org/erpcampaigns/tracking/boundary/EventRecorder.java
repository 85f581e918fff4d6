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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
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
@DependsOn("ApplicationSetup")
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

  private final EventIds ids = new EventIds();
  private final EventWriter writer = new EventWriter(ids);
  private final ReentrantLock flushing = new ReentrantLock();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong writeNanos = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private ArrayBlockingQueue<EngagementEvent> buffer;
  private ScheduledFuture<?> task;

  @PostConstruct
  void start() {
    buffer = new ArrayBlockingQueue<>(Math.max(BATCH, capacity));
    task =
        scheduler.scheduleWithFixedDelay(
            this::flushQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "event=event-recorder-started buffer="
                + buffer.remainingCapacity()
                + " flush-ms="
                + flushMillis);
  }

  /** Buffers the event; it reaches CM_EVENT within a flush interval. */
  public void record(EngagementEvent event) {
    if (!buffer.offer(event)) {
      flush();
      if (!buffer.offer(event)) {
        // only when the database refuses writes for long enough to fill the whole buffer
        lost.incrementAndGet();
        LOG.severe(() -> "event=event-lost type=" + event.type() + " outbox=" + event.outboxId());
      }
    }
  }

  /**
   * Writes everything buffered so far, in batches; returns the number of events written. Only one
   * flush runs at a time; a caller that finds one running waits for it.
   */
  public int flush() {
    flushing.lock();
    try {
      int total = 0;
      List<EngagementEvent> batch = new ArrayList<>(BATCH);
      while (buffer.drainTo(batch, BATCH) > 0) {
        int n = writeBatch(batch);
        batch.clear();
        if (n < 0) {
          break; // the database failed: the batch is back in the buffer for the next tick
        }
        total += n;
      }
      return total;
    } finally {
      flushing.unlock();
    }
  }

  /**
   * Writes events at once on the caller's connection (inside its transaction), with the same ids:
   * for events that must commit or roll back with other changes (an unsubscribe, a bounce).
   */
  public EventWriter writer() {
    return writer;
  }

  /** What the recorder has written since the application started. */
  public Stats stats() {
    return new Stats(
        written.get(),
        batches.get(),
        TimeUnit.NANOSECONDS.toMillis(writeNanos.get()),
        failures.get(),
        lost.get(),
        buffer.size());
  }

  /**
   * Counters of the recorder: events and batches written, time spent writing, failed writes, events
   * lost because the database refused writes until the buffer was full, events queued.
   */
  public record Stats(
      long written, long batches, long writeMillis, long failures, long lost, int queued) {
    /** Events written per second of database time. */
    public long eventsPerSecond() {
      return writeMillis == 0 ? written * 1000 : written * 1000 / writeMillis;
    }
  }

  private int writeBatch(List<EngagementEvent> batch) {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = writer.write(c, batch);
        c.commit();
        written.addAndGet(n);
        batches.incrementAndGet();
        writeNanos.addAndGet(System.nanoTime() - start);
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      failures.incrementAndGet();
      // Keep what fits for the next flush; a database that stays down fills the buffer, and what
      // does not fit any more is reported, never silently dropped.
      int kept = 0;
      for (EngagementEvent event : batch) {
        if (buffer.offer(event)) {
          kept++;
        }
      }
      int dropped = batch.size() - kept;
      lost.addAndGet(dropped);
      LOG.log(
          Level.SEVERE,
          "event=event-write-failed events="
              + batch.size()
              + " requeued="
              + kept
              + " lost="
              + dropped,
          e);
      return -1;
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
    LOG.info(() -> "event=event-recorder-stopped flushed=" + n + " written=" + written.get());
  }
}
