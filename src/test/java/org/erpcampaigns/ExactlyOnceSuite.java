package org.erpcampaigns;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For suites that prove exactly-once delivery: Failsafe runs a failed test once more (a flaky
 * container start should not fail the build), but a second try that passes would report a duplicate
 * as a flake. A class with this extension runs once per test JVM: a rerun fails at once, naming the
 * first failure as the one to read, so the build fails.
 */
public final class ExactlyOnceSuite implements BeforeAllCallback {
  private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  @Override
  public void beforeAll(ExtensionContext context) {
    String suite = context.getRequiredTestClass().getName();
    if (!STARTED.add(suite)) {
      throw new AssertionError(
          suite
              + " proves exactly-once delivery and is not run a second time: a try that passes"
              + " after a failure could hide a duplicate. The first run's failure above is the"
              + " one to read.");
    }
  }
}
