package org.erpcampaigns.campaigns;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.erpcampaigns.Jdbc;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Test-only, inside the container: runs a piece of test code as a marketer (the boundary needs a
 * role), and plain JDBC to lay down the rows other capabilities and the ERP would write (engagement
 * events, outbox rows, orders).
 */
@Stateless
@RunAs("marketer")
@PermitAll
public class CampaignsProbe {
  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  /** Runs the code as a marketer, in one transaction. */
  public <T> T asMarketer(Callable<T> code) throws Exception {
    return code.call();
  }

  public int sql(String statement, Object... parameters) throws SQLException {
    return Jdbc.update(dataSource, statement, parameters);
  }

  public long scalar(String query, Object... parameters) throws SQLException {
    return Jdbc.scalar(dataSource, query, parameters);
  }
}
