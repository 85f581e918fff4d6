package org.erpcampaigns.contacts;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.erpcampaigns.Jdbc;
import org.erpcampaigns.contacts.boundary.ContactIndexer;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactQuery;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.IndexedContact;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Test-only access, inside the container, to the product's persistence unit and datasource: the
 * contact bridge's entities and queries exactly as the boundary uses them, and plain JDBC to lay
 * down hand-made ERP rows.
 */
@Stateless
public class ContactBridgeProbe {
  @PersistenceContext EntityManager em;
  @EJB ContactIndexer indexer;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  public Contact find(String id) {
    return em.find(Contact.class, id);
  }

  public <T> List<T> byContact(Class<T> type, String id) {
    return em.createQuery(
            "SELECT e FROM " + type.getSimpleName() + " e WHERE e.contactId = :id", type)
        .setParameter("id", id)
        .getResultList();
  }

  /** The contact table reads the index: refresh it after laying down rows. */
  public void refreshIndex() throws SQLException {
    indexer.refresh();
  }

  public List<IndexedContact> page(
      ContactFilter filter, ContactSort sort, boolean asc, int first, int n) {
    return new ContactQuery(em).page(filter, sort, asc, first, n);
  }

  public long count(ContactFilter filter) {
    return new ContactQuery(em).count(filter);
  }

  /** Runs each statement with its parameters, in one transaction. */
  public void sql(String statement, Object... parameters) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    }
  }

  /**
   * Successful migrations in a Flyway history table. Flyway quotes the name it is given, so the
   * table is upper case on H2 and PostgreSQL alike and must be quoted here too.
   */
  public long successfulMigrations(String historyTable) throws SQLException {
    return scalar("SELECT COUNT(*) FROM \"" + historyTable + "\" WHERE \"success\" = TRUE");
  }

  public long scalar(String query, Object... parameters) throws SQLException {
    return Jdbc.scalar(dataSource, query, parameters);
  }
}
