package org.erpcampaigns.mailings.control;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The mailings being sent, as the sender threads see them: read from the database at most once a
 * {@link #REFRESH} (every thread asks before each claim and before each message), at once after
 * {@link #refreshSoon} (a mailing was started, paused, resumed or cancelled), with each mailing's
 * compiled content kept until its state changes.
 */
public final class MailingsBeingSent {
  private static final Logger LOG = Logger.getLogger(MailingsBeingSent.class.getName());
  static final Duration REFRESH = Duration.ofSeconds(1);

  /** A mailing being sent: what the threads need to claim and throttle its rows. */
  public record Sending(long mailingId, long campaignId, long templateId, Integer throttle) {}

  /** Reads the mailings being sent now. */
  @FunctionalInterface
  public interface Reader {
    List<Sending> read() throws SQLException;
  }

  private final Clock clock;
  private final Reader reader;
  private final LongConsumer firstSeen;
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final Map<Long, MailingContent> contents = new ConcurrentHashMap<>();
  private volatile List<Sending> sending = List.of();
  private volatile Instant readAt = Instant.MIN;

  /**
   * @param firstSeen called once with each mailing seen sending for the first time (e.g. to refresh
   *     the outbox's statistics after its rows were inserted)
   */
  public MailingsBeingSent(Clock clock, Reader reader, LongConsumer firstSeen) {
    this.clock = clock;
    this.reader = reader;
    this.firstSeen = firstSeen;
  }

  /** The mailings being sent, by id; empty when they cannot be read now. */
  public List<Sending> now() {
    if (fresh()) {
      return sending;
    }
    synchronized (this) {
      if (fresh()) {
        return sending;
      }
      List<Sending> read;
      try {
        read = List.copyOf(reader.read());
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "event=mail-active-read-failed", e);
        return List.of();
      }
      sending = read;
      for (Sending s : read) {
        if (seen.add(s.mailingId())) {
          firstSeen.accept(s.mailingId());
        }
      }
      readAt = clock.instant();
      return read;
    }
  }

  private boolean fresh() {
    return clock.instant().isBefore(readAt.plus(REFRESH));
  }

  /** True while the mailing is being sent. */
  public boolean isSending(long mailingId) {
    return now().stream().anyMatch(s -> s.mailingId() == mailingId);
  }

  /** The mailing's compiled content, loaded once. */
  public MailingContent content(Sending s, Function<Sending, MailingContent> load) {
    return contents.computeIfAbsent(s.mailingId(), id -> load.apply(s));
  }

  /** Reads the mailings again at the next question. */
  public void refreshSoon() {
    readAt = Instant.MIN;
  }

  /** Forgets what was compiled for a mailing (its state changed) and reads again. */
  public void forget(long mailingId) {
    contents.remove(mailingId);
    refreshSoon();
  }
}
