package org.erpcampaigns.mailings;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.erpcampaigns.Jdbc;
import org.erpcampaigns.mailings.entity.MessagesSent;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Test-only: plain SQL on the product's datasource (lists are built by hand, as audiences is not
 * there), and an observer of {@link MessagesSent} as campaigns will have one.
 */
@ApplicationScoped
public class MailingProbe {
  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  final List<MessagesSent> observed = new CopyOnWriteArrayList<>();

  void sent(@Observes MessagesSent e) {
    observed.add(e);
  }

  public List<MessagesSent> observed() {
    return observed;
  }

  public int sql(String statement, Object... parameters) throws SQLException {
    return Jdbc.update(dataSource, statement, parameters);
  }

  public long scalar(String query, Object... parameters) throws SQLException {
    return Jdbc.scalar(dataSource, query, parameters);
  }

  public List<List<Object>> rows(String query, Object... parameters) throws SQLException {
    return Jdbc.rows(dataSource, query, parameters);
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** A READY static list with the given members (party id, email), created as audiences would. */
  public long list(String name, String status, String[][] members) throws SQLException {
    long id = scalar("SELECT nextval('CM_DISTRIBUTION_LIST_SEQ')");
    sql(
        "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, MEMBER_COUNT, CREATED_BY,"
            + " CREATED_AT) VALUES (?, ?, 'STATIC', ?, ?, 'it', CURRENT_TIMESTAMP)",
        id,
        name,
        status,
        members.length);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
                    + " VALUES (?, ?, ?, 'MANUAL', CURRENT_TIMESTAMP)")) {
      for (String[] m : members) {
        ps.setLong(1, id);
        ps.setString(2, m[0]);
        ps.setString(3, m[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return id;
  }
}
