package org.erpcampaigns.contacts.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.logging.Logger;
import org.erpcampaigns.contacts.control.ErpDemoData;

/** Demo mode only: fills the OFBiz-shaped demo tables with generated contacts and orders. */
@ApplicationScoped
public class DemoContacts {
  private static final Logger LOG = Logger.getLogger(DemoContacts.class.getName());

  /** Generates the contacts unless the ERP tables already hold some (a restarted demo). */
  public void generateIfEmpty(Connection connection, int contacts, long seed) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM PARTY");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next() && rs.getLong(1) > 0) {
        return;
      }
    }
    ErpDemoData.Summary s = ErpDemoData.generate(connection, contacts, seed, LocalDate.now());
    LOG.info(
        () ->
            "event=demo-data-generated contacts="
                + s.contacts()
                + " orders="
                + s.orders()
                + " ms="
                + s.took().toMillis());
  }
}
