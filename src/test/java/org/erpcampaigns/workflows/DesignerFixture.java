package org.erpcampaigns.workflows;

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
 * Test-only: what the designer's browser test builds on, made at deployment as the other
 * capabilities' screens would make it: an active campaign, a distribution list of six demo contacts
 * and an email template, each named with this deployment's own number so a database that outlives a
 * run never mixes them up.
 */
@Singleton
@Startup
@DependsOn("ApplicationSetup")
@TransactionManagement(TransactionManagementType.BEAN)
public class DesignerFixture {
  static final String CAMPAIGN = "Designer test campaign";
  static final String LIST = "Designer test list";
  static final String TEMPLATE = "Designer test mail";
  static final int MEMBERS = 6;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PostConstruct
  void create() {
    try (Connection c = dataSource.getConnection()) {
      long campaign = next(c, "CM_CAMPAIGN_SEQ");
      update(
          c,
          "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
              + " STATUS, CREATED_BY, CREATED_AT) VALUES (?, ?, 'MARKETING', 'B2C', 'marketer',"
              + " 'EUR', 'Europe/Rome', 'ACTIVE', 'it', CURRENT_TIMESTAMP)",
          campaign,
          CAMPAIGN + " " + campaign);
      long list = next(c, "CM_DISTRIBUTION_LIST_SEQ");
      update(
          c,
          "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, MEMBER_COUNT, CREATED_BY,"
              + " CREATED_AT) VALUES (?, ?, 'STATIC', 'READY', ?, 'it', CURRENT_TIMESTAMP)",
          list,
          LIST + " " + list,
          MEMBERS);
      update(
          c,
          "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
              + " SELECT ?, PARTY_ID, CONCAT('designer', PARTY_ID, '@designer.example.com'),"
              + " 'MANUAL', CURRENT_TIMESTAMP FROM CM_CONTACT_INDEX"
              + " WHERE COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N' AND ENABLED = 'Y'"
              + " AND NOT EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
              + "   WHERE x.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
              + " ORDER BY PARTY_ID DESC LIMIT "
              + MEMBERS,
          list);
      long template = next(c, "CM_MAIL_TEMPLATE_SEQ");
      update(
          c,
          "INSERT INTO CM_MAIL_TEMPLATE (ID, NAME, CAMPAIGN_ID, SENDER_NAME, SENDER_ADDRESS,"
              + " DEFAULT_LANGUAGE, CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?,"
              + " 'Shop Team', 'news@shop.example.com', 'en', 'it', CURRENT_TIMESTAMP,"
              + " CURRENT_TIMESTAMP)",
          template,
          TEMPLATE + " " + template,
          campaign);
      update(
          c,
          "INSERT INTO CM_MAIL_TEMPLATE_VARIANT (TEMPLATE_ID, LANGUAGE, SUBJECT, HTML_BODY)"
              + " VALUES (?, 'en', 'Hello {{ contact.firstName | default(''friend'') }}',"
              + " '<p>Our spring offers: <a href=\"https://shop.example.com/\">the shop</a></p>')",
          template);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long next(Connection c, String sequence) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }
}
