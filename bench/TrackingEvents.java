import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.erpcampaigns.tracking.control.EngagementClassifier;
import org.erpcampaigns.tracking.control.EventIds;
import org.erpcampaigns.tracking.control.EventWriter;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EngagementOrigin;
import org.erpcampaigns.tracking.entity.EventType;

/**
 * The engagement event writer's rate on PostgreSQL, as the application's recorder uses it: batches
 * of 500 events (opens and clicks spread over 1,000 messages), one transaction each, in a schema of
 * its own (bench_tracking, recreated from the V4 contract migration and V49's origins). Every
 * event comes as a person's, so each batch pays the classifier's look-ups (send times, earlier
 * clicks) as the application's does.
 */
public class TrackingEvents {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String url = System.getenv().getOrDefault("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getenv().getOrDefault("BENCH_JDBC_USER", "postgres");
    String password = System.getenv().getOrDefault("BENCH_JDBC_PASSWORD", "");
    int messages = 1000;
    int batch = 500;
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS bench_tracking CASCADE");
        s.execute("CREATE SCHEMA bench_tracking");
        s.execute("SET search_path TO bench_tracking");
        s.execute(Files.readString(Path.of("src/main/resources/db/migration/V4__outbox_and_events.sql")));
        s.execute(Files.readString(Path.of("src/main/resources/db/migration/V49__engagement_origin.sql")));
        s.execute(
            "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
                + " CREATED_AT) SELECT g, 1, 1, 'P' || g, 'p' || g || '@example.com', 'SENT',"
                + " now(), now() FROM generate_series(1, " + messages + ") g");
        s.execute("UPDATE CM_OUTBOX SET SENT_AT = now() - interval '1 hour'");
        s.execute("ANALYZE");
      }
      c.setAutoCommit(false);
      EventWriter writer =
          new EventWriter(
              new EventIds(),
              new EngagementClassifier(
                  EngagementClassifier.builtIn(), Duration.ofSeconds(10), 3, Duration.ofSeconds(5)));
      LocalDateTime at = LocalDateTime.now();
      long start = System.nanoTime();
      int written = 0;
      for (int done = 0; done < n; done += batch) {
        List<EngagementEvent> events = new ArrayList<>(batch);
        for (int i = done; i < Math.min(n, done + batch); i++) {
          boolean click = i % 5 == 0;
          events.add(
              new EngagementEvent(
                  1 + i % messages,
                  click ? EventType.CLICKED : EventType.OPENED,
                  click ? "https://shop.example/offers/" + (i % 17) + "?utm_source=newsletter" : null,
                  // 50 events a second: a message's clicks are minutes apart, as people's are
                  at.plusSeconds(i / 50),
                  EngagementOrigin.HUMAN));
        }
        written += writer.write(c, events);
        c.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CM_EVENT");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        rows = rs.getLong(1);
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA bench_tracking CASCADE");
      }
      c.commit();
      System.out.printf(
          "events=%d rows=%d batch=%d seconds=%.1f events_per_s=%.0f%n",
          written, rows, batch, seconds, written / seconds);
    }
  }
}
