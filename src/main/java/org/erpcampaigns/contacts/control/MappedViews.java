package org.erpcampaigns.contacts.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.erpcampaigns.contacts.entity.ContactOrder;

/**
 * The ERP views the configured contact mapping reads (shared/DESIGN.md §3): their names are the
 * mapped entities' tables, so other capabilities' SQL (set-based conditions on orders, channels)
 * reads the same view as the entities do.
 */
public final class MappedViews {
  private MappedViews() {}

  /** The view (or table) the mapping reads {@code entity} from. */
  public static String of(EntityManager em, Class<?> entity) {
    return em.unwrap(JpaEntityManager.class)
        .getServerSession()
        .getDescriptor(entity)
        .getTableName();
  }

  /** The view (or table) the mapping reads {@code entity} from. */
  public static String of(EntityManagerFactory emf, Class<?> entity) {
    return emf.unwrap(JpaEntityManagerFactory.class)
        .getServerSession()
        .getDescriptor(entity)
        .getTableName();
  }

  /** The order view (CONTACT_ID, ORDER_DATE, STATUS, ...). */
  public static String orders(EntityManager em) {
    return of(em, ContactOrder.class);
  }

  /** The order view (CONTACT_ID, ORDER_DATE, STATUS, ...). */
  public static String orders(EntityManagerFactory emf) {
    return of(emf, ContactOrder.class);
  }
}
