package org.erpcampaigns.tracking;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.tracking.boundary.BounceMailbox;
import org.erpcampaigns.tracking.boundary.EventRecorder;
import org.erpcampaigns.tracking.control.EventBuffer;
import org.erpcampaigns.tracking.entity.EngagementEvent;
import org.erpcampaigns.tracking.entity.EventType;

/**
 * Test-only REST access (deployed only by TrackingIT, admin login) to the product's database and
 * tracking internals: lay down outbox and ERP rows as the sender and the ERP would, count what was
 * recorded, flush the event buffer, poll the bounce mailbox now.
 */
@Stateless
@Path("it-probe")
@RolesAllowed("campaign-admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TrackingProbe {
  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @EJB EventRecorder events;
  @EJB BounceMailbox mailbox;

  /** Runs one statement; parameters that look like integers are bound as numbers, "now" as now. */
  @POST
  @Path("update")
  public long update(@FormParam("sql") String sql, @FormParam("p") List<String> parameters)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      return ps.executeUpdate();
    }
  }

  /** The first column of the first row as text (null when there is no row). */
  @POST
  @Path("scalar")
  @Produces(MediaType.TEXT_PLAIN)
  public String scalar(@FormParam("sql") String sql, @FormParam("p") List<String> parameters)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? String.valueOf(rs.getObject(1)) : "null";
      }
    }
  }

  @POST
  @Path("flush")
  public EventBuffer.Stats flush() {
    events.flush();
    return events.stats();
  }

  /** The recorder's write rate alone: n OPENED events of one message, buffered then written. */
  @POST
  @Path("bench")
  @Produces(MediaType.TEXT_PLAIN)
  public String bench(@FormParam("outboxId") long outboxId, @FormParam("n") int n) {
    events.flush();
    EventBuffer.Stats before = events.stats();
    long start = System.nanoTime();
    LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      events.record(new EngagementEvent(outboxId, EventType.OPENED, null, at));
    }
    events.flush();
    long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
    EventBuffer.Stats after = events.stats();
    long written = after.written() - before.written();
    long writeMs = Math.max(1, after.writeMillis() - before.writeMillis());
    return "events="
        + written
        + " ms="
        + ms
        + " events_per_s="
        + written * 1000 / ms
        + " batches="
        + (after.batches() - before.batches())
        + " write_ms="
        + writeMs
        + " written_per_s_of_write_time="
        + written * 1000 / writeMs;
  }

  @POST
  @Path("poll")
  public BounceMailbox.Poll poll() throws Exception {
    return mailbox.poll();
  }

  private static void bind(PreparedStatement ps, List<String> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      String p = parameters.get(i);
      if ("now".equals(p)) {
        ps.setTimestamp(i + 1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
      } else if (p.matches("-?\\d{1,18}")) {
        ps.setLong(i + 1, Long.parseLong(p));
      } else {
        ps.setString(i + 1, p);
      }
    }
  }
}
