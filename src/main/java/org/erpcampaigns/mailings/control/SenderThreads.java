package org.erpcampaigns.mailings.control;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The sender threads of this instance: at most {@code workers} at once, each running the sender's
 * body (e.g. {@link ClaimSender#run}) on the container's executor until it returns. Stopping lets
 * the running ones finish their current message: {@link #stop} waits for them, a bounded time.
 */
public final class SenderThreads {
  private static final Logger LOG = Logger.getLogger(SenderThreads.class.getName());

  private final Executor executor;
  private final int workers;
  private final Runnable body;
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean stopping;

  public SenderThreads(Executor executor, int workers, Runnable body) {
    this.executor = executor;
    this.workers = workers;
    this.body = body;
  }

  /** Starts threads up to the configured number (none once stopping). */
  public void wakeUp() {
    while (!stopping) {
      int n = running.get();
      if (n >= workers) {
        return;
      }
      if (running.compareAndSet(n, n + 1)) {
        try {
          executor.execute(this::runOne);
        } catch (RuntimeException e) {
          running.decrementAndGet();
          throw e;
        }
      }
    }
  }

  private void runOne() {
    try {
      body.run();
    } finally {
      running.decrementAndGet();
    }
  }

  /** How many threads are running now. */
  public int running() {
    return running.get();
  }

  /** True once {@link #stop} was called: threads end after their current message. */
  public boolean isStopping() {
    return stopping;
  }

  /**
   * Starts no more threads and waits, at most {@code patience}, for the running ones to end;
   * returns how many still run.
   */
  public int stop(Duration patience) {
    stopping = true;
    long deadline = System.nanoTime() + patience.toNanos();
    while (running.get() > 0 && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int still = running.get();
    LOG.info(() -> "event=mail-sender-stopped threads-still-running=" + still);
    return still;
  }
}
