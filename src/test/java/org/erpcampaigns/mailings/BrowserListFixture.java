package org.erpcampaigns.mailings;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Test-only: distribution lists of demo contacts for the browser tests, made at deployment as
 * audiences would make them (audiences is built elsewhere): 40 contacts to mail, and 2 for a
 * workflow that gives people tasks.
 */
@Singleton
@Startup
@DependsOn("ApplicationSetup")
@TransactionManagement(TransactionManagementType.BEAN)
public class BrowserListFixture {
  static final String LIST = "Browser test customers";
  static final String TASK_LIST = "Browser task list";

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PostConstruct
  void createLists() {
    try (Connection c = dataSource.getConnection()) {
      TestCampaigns.ensure(c, 1);
      createList(c, LIST, 0, 40);
      createList(c, TASK_LIST, 40, 2);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void createList(Connection c, String name, int skip, int size)
      throws SQLException {
    long id;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT nextval('CM_DISTRIBUTION_LIST_SEQ')")) {
      rs.next();
      id = rs.getLong(1);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, MEMBER_COUNT, CREATED_BY,"
                + " CREATED_AT) VALUES (?, ?, 'STATIC', 'READY', ?, 'it', CURRENT_TIMESTAMP)")) {
      ps.setLong(1, id);
      ps.setString(2, name + " " + id);
      ps.setInt(3, size);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
                + " SELECT ?, PARTY_ID, CONCAT('browser', PARTY_ID, '@browser.example.com'),"
                + " 'MANUAL', CURRENT_TIMESTAMP FROM CM_CONTACT_INDEX"
                + " WHERE COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N' AND ENABLED = 'Y'"
                + " AND NOT EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                + "   WHERE x.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
                + " ORDER BY PARTY_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
      ps.setLong(1, id);
      ps.setInt(2, skip);
      ps.setInt(3, size);
      ps.executeUpdate();
    }
  }
}
