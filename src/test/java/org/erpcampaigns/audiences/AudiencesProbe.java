package org.erpcampaigns.audiences;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.erpcampaigns.Jdbc;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.audiences.boundary.PurchaseIndexer;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.contacts.boundary.ContactIndexer;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Test-only access inside the container: hand-made ERP rows over JDBC, the index refreshes the
 * timers would run, and the integration point mailings calls without a user.
 */
@Stateless
public class AudiencesProbe {
  @EJB ContactIndexer contactIndexer;
  @EJB PurchaseIndexer purchaseIndexer;
  @EJB DistributionLists lists;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  public void refreshIndexes() throws SQLException {
    contactIndexer.refresh();
    purchaseIndexer.refresh();
  }

  public PurchaseIndex.State purchaseIndex() throws SQLException {
    return purchaseIndexer.state().orElseThrow();
  }

  public long prepareForSend(long listId) {
    return lists.prepareForSend(listId);
  }

  public int sql(String statement, Object... parameters) throws SQLException {
    return Jdbc.update(dataSource, statement, parameters);
  }

  public long scalar(String query, Object... parameters) throws SQLException {
    return Jdbc.scalar(dataSource, query, parameters);
  }
}
