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
 * Test-only: a distribution list of 40 demo contacts for the browser test, made at deployment as
 * audiences would make one (audiences is built elsewhere).
 */
@Singleton
@Startup
@DependsOn("ApplicationSetup")
@TransactionManagement(TransactionManagementType.BEAN)
public class BrowserListFixture {
  static final String LIST = "Browser test customers";

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PostConstruct
  void createList() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      TestCampaigns.ensure(c, 1);
      long id;
      try (ResultSet rs = s.executeQuery("SELECT nextval('CM_DISTRIBUTION_LIST_SEQ')")) {
        rs.next();
        id = rs.getLong(1);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, MEMBER_COUNT, CREATED_BY,"
                  + " CREATED_AT) VALUES (?, ?, 'STATIC', 'READY', 40, 'it', CURRENT_TIMESTAMP)")) {
        ps.setLong(1, id);
        ps.setString(2, LIST + " " + id);
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
                  + " ORDER BY PARTY_ID LIMIT 40")) {
        ps.setLong(1, id);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
