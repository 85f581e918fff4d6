package org.erpcampaigns.monitoring.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Tells the open dashboards that their campaign has new events: every second each instance reads
 * the ids of the events recorded since its last look (from the database, so events that another
 * instance recorded count too) and pushes their campaigns' ids to the {@code monitoring} channel; a
 * dashboard of one of them reads its figures again at once. An event whose id is below one already
 * seen (ids come in blocks per instance) shows at the page's own slower poll, the fallback.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EngagementPush {
  private static final Logger LOG = Logger.getLogger(EngagementPush.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject
  @Push(channel = "monitoring")
  PushContext channel;

  private final AtomicBoolean busy = new AtomicBoolean();
  private long seen = -1;

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void tick() {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (seen < 0) {
        seen = highest(c);
        return;
      }
      TreeSet<Long> campaigns = new TreeSet<>();
      long high = seen;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT CAMPAIGN_ID, MAX(ID) FROM CM_EVENT WHERE ID > ? AND CAMPAIGN_ID IS NOT NULL"
                  + " GROUP BY CAMPAIGN_ID")) {
        ps.setLong(1, seen);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            campaigns.add(rs.getLong(1));
            high = Math.max(high, rs.getLong(2));
          }
        }
      }
      seen = high;
      campaigns.forEach(id -> channel.send(String.valueOf(id)));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "event=monitoring-push-skipped", e);
    } finally {
      busy.set(false);
    }
  }

  private static long highest(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(ID), 0) FROM CM_EVENT");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
