package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The workflows' clock (shared/DESIGN.md §5): a non-persistent tick on every instance matches new
 * events against waiting contacts, then advances due contacts batch by batch, each batch a
 * transaction of its own, until nothing is due or the tick's time is up. Instances share the work
 * through their claims; a tick still running when the next one comes lets it pass.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class WorkflowTimer {
  private static final Logger LOG = Logger.getLogger(WorkflowTimer.class.getName());
  private static final long TICK_BUDGET_NANOS = 10_000_000_000L;

  @EJB WorkflowRunner runner;

  @Inject
  @ConfigProperty(name = "campaigns.workflows.batch-size", defaultValue = "2000")
  int batchSize;

  /**
   * Batches advanced side by side: each is a transaction of its own, and their claims skip each
   * other's rows as two instances' do; the database does most of a batch's work, so a second batch
   * uses the core the first leaves idle.
   */
  @Inject
  @ConfigProperty(name = "campaigns.workflows.threads", defaultValue = "2")
  int threads;

  @Resource ManagedExecutorService executor;

  private final AtomicBoolean running = new AtomicBoolean();
  private long ticks;

  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      if (ticks++ % 15 == 0) {
        int joined = runner.enrolLateJoiners();
        if (joined > 0) {
          LOG.info(() -> "event=workflow-late-joiners-enrolled count=" + joined);
        }
      }
      int moved = runner.scanEvents();
      long until = System.nanoTime() + TICK_BUDGET_NANOS;
      List<Future<Integer>> others = new ArrayList<>();
      for (int i = 1; i < threads; i++) {
        others.add(executor.submit(() -> advanceUntil(until)));
      }
      int advanced = advanceUntil(until);
      for (Future<Integer> other : others) {
        advanced += other.get();
      }
      if (moved > 0 || advanced > 0) {
        int m = moved;
        int a = advanced;
        LOG.fine(() -> "event=workflow-tick events-matched=" + m + " advanced=" + a);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "event=workflow-tick-failed", e.getCause());
    } catch (Exception e) {
      LOG.log(Level.WARNING, "event=workflow-tick-failed", e);
    } finally {
      running.set(false);
    }
  }

  /** Advances batch after batch until nothing is due or the tick's time is up. */
  private int advanceUntil(long until) throws java.sql.SQLException {
    int advanced = 0;
    for (int n; System.nanoTime() < until && (n = runner.advance(batchSize)) > 0; ) {
      advanced += n;
    }
    return advanced;
  }
}
