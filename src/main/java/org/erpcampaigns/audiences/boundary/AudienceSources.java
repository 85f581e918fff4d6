package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.erpcampaigns.audiences.control.ErpSources;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactClassification;
import org.erpcampaigns.contacts.entity.ContactOrderLine;
import org.erpcampaigns.contacts.entity.ContactRelation;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * The configured ERP mapping's views as segments read them, and whether the mapping has data for
 * the criteria that need more than a contact row (a flat table has no orders, classifications or
 * relationships: the criteria builder says so instead of counting nobody).
 */
@ApplicationScoped
public class AudienceSources {
  @PersistenceUnit EntityManagerFactory emf;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  private volatile ErpSources sources;

  public ErpSources get() {
    ErpSources s = sources;
    if (s == null) {
      var session = emf.unwrap(JpaEntityManagerFactory.class).getServerSession();
      s =
          ErpSources.of(
              session.getDescriptor(Contact.class).getTableName(),
              session.getDescriptor(ContactClassification.class).getTableName(),
              session.getDescriptor(ContactRelation.class).getTableName(),
              session.getDescriptor(ContactOrderLine.class).getTableName());
      sources = s;
    }
    return s;
  }

  public boolean hasPurchases() {
    return hasRows(get().purchases()) || hasRows(get().products());
  }

  public boolean hasClassifications() {
    return hasRows(get().classifications());
  }

  public boolean hasRelations() {
    return hasRows(get().relations());
  }

  private boolean hasRows(String view) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM " + view + " FETCH FIRST 1 ROWS ONLY");
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }
}
