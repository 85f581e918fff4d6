package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SenderThreadsTest {
  final ExecutorService executor = Executors.newCachedThreadPool();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger ended = new AtomicInteger();

  /** A sender thread's body that sends until released (or told to stop). */
  SenderThreads threads(int workers) {
    SenderThreads[] cut = new SenderThreads[1];
    cut[0] =
        new SenderThreads(
            executor,
            workers,
            () -> {
              started.incrementAndGet();
              try {
                while (!cut[0].isStopping() && !release.await(10, TimeUnit.MILLISECONDS)) {
                  // one more message
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              ended.incrementAndGet();
            });
    return cut[0];
  }

  @AfterEach
  void shutDown() {
    release.countDown();
    executor.shutdownNow();
  }

  @Test
  void wakingUpStartsThreadsUpToTheConfiguredNumber() throws Exception {
    SenderThreads cut = threads(3);
    cut.wakeUp();
    cut.wakeUp();
    assertEquals(3, cut.running());
    release.countDown();
    awaitNoneRunning(cut);
    assertEquals(3, started.get(), "a wake-up while all threads run starts none");
    cut.wakeUp();
    assertEquals(3, cut.running(), "threads that ended are started again");
  }

  @Test
  void stoppingWaitsForTheThreadsToFinishAndStartsNoMore() {
    SenderThreads cut = threads(2);
    cut.wakeUp();
    assertEquals(0, cut.stop(Duration.ofSeconds(5)), "every thread ended");
    assertEquals(2, ended.get());
    cut.wakeUp();
    assertEquals(0, cut.running(), "none started once stopping");
    assertTrue(cut.isStopping());
  }

  @Test
  void stoppingWaitsOnlyAsLongAsItMay() {
    SenderThreads cut =
        new SenderThreads(
            executor,
            1,
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    cut.wakeUp();
    long start = System.nanoTime();
    assertEquals(1, cut.stop(Duration.ofMillis(200)), "a thread stuck in SMTP is left behind");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
  }

  private static void awaitNoneRunning(SenderThreads cut) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cut.running() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(0, cut.running());
  }
}
