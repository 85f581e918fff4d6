package org.erpcampaigns.tracking.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erpcampaigns.tracking.entity.EngagementEvent;

/**
 * A bounded in-memory buffer of engagement events, written in batches by whoever flushes it (a
 * timer, or a request that finds it full: bursts slow down instead of growing memory). A batch the
 * database refuses goes back into the buffer for the next flush; only what no longer fits is lost,
 * and counted.
 */
public final class EventBuffer {
  private static final Logger LOG = Logger.getLogger(EventBuffer.class.getName());

  /** Where batches go: writes them and returns the rows written. */
  @FunctionalInterface
  public interface Sink {
    int write(List<EngagementEvent> batch) throws SQLException;
  }

  private final ArrayBlockingQueue<EngagementEvent> queue;
  private final int batchSize;
  private final Sink sink;
  private final ReentrantLock flushing = new ReentrantLock();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong writeNanos = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();

  public EventBuffer(int capacity, int batchSize, Sink sink) {
    if (batchSize < 1 || capacity < batchSize) {
      throw new IllegalArgumentException(
          "the buffer must hold at least one batch: capacity " + capacity + ", batch " + batchSize);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.sink = sink;
  }

  /** Buffers the event; when the buffer is full, the caller writes what is buffered first. */
  public void add(EngagementEvent event) {
    while (!queue.offer(event)) {
      // other threads may fill the room a flush made before this one gets it: flush again, and
      // give up only when the database refuses writes for long enough to fill the whole buffer
      if (drain().refused() && !queue.offer(event)) {
        lost.incrementAndGet();
        LOG.severe(() -> "event=event-lost type=" + event.type() + " outbox=" + event.outboxId());
        return;
      }
    }
  }

  /**
   * Writes everything buffered so far, in batches, and returns the number of events written. Stops
   * at the first batch the sink refuses (it stays buffered). One flush runs at a time; a caller
   * that finds one running waits for it.
   */
  public int flush() {
    return drain().written();
  }

  private record Drained(int written, boolean refused) {}

  private Drained drain() {
    flushing.lock();
    try {
      int total = 0;
      List<EngagementEvent> batch = new ArrayList<>(batchSize);
      while (queue.drainTo(batch, batchSize) > 0) {
        int n = write(batch);
        batch.clear();
        if (n < 0) {
          return new Drained(total, true);
        }
        total += n;
      }
      return new Drained(total, false);
    } finally {
      flushing.unlock();
    }
  }

  public Stats stats() {
    return new Stats(
        written.get(),
        batches.get(),
        TimeUnit.NANOSECONDS.toMillis(writeNanos.get()),
        failures.get(),
        lost.get(),
        queue.size());
  }

  /**
   * Counters: events and batches written, time spent writing, refused batches, events lost because
   * the database refused writes until the buffer was full, events waiting.
   */
  public record Stats(
      long written, long batches, long writeMillis, long failures, long lost, int queued) {}

  private int write(List<EngagementEvent> batch) {
    long start = System.nanoTime();
    try {
      int n = sink.write(batch);
      written.addAndGet(n);
      batches.incrementAndGet();
      writeNanos.addAndGet(System.nanoTime() - start);
      return n;
    } catch (SQLException | RuntimeException e) {
      failures.incrementAndGet();
      int kept = 0;
      for (EngagementEvent event : batch) {
        if (queue.offer(event)) {
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
}
