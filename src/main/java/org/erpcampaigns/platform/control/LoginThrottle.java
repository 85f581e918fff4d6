package org.erpcampaigns.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without handing an attacker a lockout: after {@link #FREE} failed
 * logins, an account may be tried again from the same address only after a wait that doubles with
 * each further failure (1 s, 2 s, 4 s, ... at most {@link #MAX}); an address that fails for many
 * accounts (password spraying) waits the same way. Someone guessing from another address never
 * locks the user out of their own; a success clears the account's count for that address. Kept in
 * memory per instance (a restart forgets it): a brake on guessing, not an audit.
 */
public final class LoginThrottle {
  /** Failures that cost nothing (typos). */
  public static final int FREE = 5;

  /** The longest wait. */
  public static final Duration MAX = Duration.ofMinutes(5);

  /** Failures from one address, any account, before it waits too. */
  public static final int FREE_PER_ADDRESS = 20;

  /** A count forgets after this long without a failure. */
  static final Duration FORGET = Duration.ofMinutes(30);

  /** The most keys kept: beyond it the oldest are dropped, so no flood can exhaust memory. */
  static final int MAX_KEYS = 100_000;

  private record Failures(int count, Instant last) {}

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the account must wait before a try from this address; zero when it may try now. */
  public Duration waitFor(String username, String address) {
    Instant now = clock.instant();
    Duration account = wait(failures.get(accountKey(username, address)), FREE, now);
    Duration addr = wait(failures.get(addressKey(address)), FREE_PER_ADDRESS, now);
    return account.compareTo(addr) >= 0 ? account : addr;
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) {
      forgetOld(now);
    }
    count(accountKey(username, address), now);
    count(addressKey(address), now);
  }

  public void succeeded(String username, String address) {
    failures.remove(accountKey(username, address));
  }

  private void count(String key, Instant now) {
    failures.merge(
        key,
        new Failures(1, now),
        (old, one) ->
            old.last().plus(FORGET).isBefore(now) ? one : new Failures(old.count() + 1, now));
  }

  private static Duration wait(Failures f, int free, Instant now) {
    if (f == null || f.count() < free || f.last().plus(FORGET).isBefore(now)) {
      return Duration.ZERO;
    }
    int doublings = Math.min(f.count() - free, 20);
    Duration wait = Duration.ofSeconds(1L << doublings);
    if (wait.compareTo(MAX) > 0) {
      wait = MAX;
    }
    Duration left = Duration.between(now, f.last().plus(wait));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private void forgetOld(Instant now) {
    failures.entrySet().removeIf(e -> e.getValue().last().plus(FORGET).isBefore(now));
    if (failures.size() >= MAX_KEYS) {
      failures.clear();
    }
  }

  private static String accountKey(String username, String address) {
    return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
