package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.control.ErpMappingSource;
import org.erpcampaigns.tracking.control.ConsentStatement;

/**
 * The only write into the ERP's tables (shared/DESIGN.md §4), behind a switch: an unsubscribe sets
 * the contact's consent to "no" with the statement that the ERP mapping supplies in {@value
 * ConsentStatement#FILE}. It runs in a transaction of its own, so an ERP that refuses the write (a
 * read-only user, a locked row) never undoes the unsubscribe itself.
 */
@Singleton
@PermitAll
public class ConsentWriteBack {
  private static final Logger LOG = Logger.getLogger(ConsentWriteBack.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "campaigns.erp.consent-write-back", defaultValue = "false")
  boolean enabled;

  private ConsentStatement statement;

  @PostConstruct
  void init() {
    if (!enabled) {
      return;
    }
    Optional<String> text =
        ErpMappingSource.mappingFile(getClass().getClassLoader(), ConsentStatement.FILE);
    if (text.isEmpty()) {
      LOG.warning(
          "event=consent-write-back-unavailable reason=the ERP mapping has no "
              + ConsentStatement.FILE);
      return;
    }
    statement = ConsentStatement.parse(text.get());
    LOG.info("event=consent-write-back-enabled");
  }

  /** Whether unsubscribes are written back to the ERP. */
  public boolean isActive() {
    return statement != null;
  }

  /** Records the refusal in the ERP; returns the ERP rows changed (0 when switched off). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int refuseSolicitation(String partyId, String email) throws SQLException {
    if (statement == null) {
      return 0;
    }
    try (Connection c = dataSource.getConnection()) {
      int changed = statement.execute(c, partyId, email);
      LOG.info(() -> "event=consent-written-back party=" + partyId + " rows=" + changed);
      return changed;
    }
  }
}
