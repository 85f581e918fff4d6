package org.erpcampaigns.contacts.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.erpcampaigns.contacts.control.ContactIndex;
import org.erpcampaigns.contacts.entity.Contact;

/**
 * Keeps the contact index fresh: a non-persistent tick on every instance refreshes it when it is
 * older than {@code campaigns.contacts.index-refresh-minutes}; users may ask for a refresh now. The
 * database lock in {@link ContactIndex} makes a cluster refresh once at a time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@PermitAll
public class ContactIndexer {
  private static final Logger LOG = Logger.getLogger(ContactIndexer.class.getName());

  @Resource(lookup = "java:app/jdbc/campaigns")
  DataSource dataSource;

  @PersistenceUnit EntityManagerFactory emf;

  @Inject
  @ConfigProperty(name = "campaigns.contacts.index-refresh-minutes", defaultValue = "15")
  long refreshMinutes;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(minute = "*", hour = "*", persistent = false)
  void tick() {
    try {
      if (stale()) {
        refresh();
      }
    } catch (RuntimeException | SQLException e) {
      LOG.log(Level.WARNING, "event=contact-index-refresh-failed", e);
    }
  }

  /**
   * Whether the index must be built again: missing, older than {@code
   * campaigns.contacts.index-refresh-minutes}, or built from another mapping's view.
   */
  public boolean stale() throws SQLException {
    Optional<ContactIndex.State> state = state();
    return state.isEmpty()
        || state
            .get()
            .refreshedAt()
            .isBefore(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(refreshMinutes))
        || !sourceView().equals(state.get().sourceView());
  }

  /** Refreshes now, unless a refresh is already running on this instance. */
  public Optional<ContactIndex.State> refresh() throws SQLException {
    if (!running.compareAndSet(false, true)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      ContactIndex.State s = ContactIndex.refresh(c, sourceView());
      LOG.info(
          () ->
              "event=contact-index-refreshed source="
                  + s.sourceView()
                  + " contacts="
                  + s.contacts()
                  + " ms="
                  + s.millis());
      return Optional.of(s);
    } finally {
      running.set(false);
    }
  }

  /** For the contacts page's button: marketers and admins. */
  @RolesAllowed({"campaign-admin", "marketer"})
  public Optional<ContactIndex.State> refreshNow() throws SQLException {
    return refresh();
  }

  public Optional<ContactIndex.State> state() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return ContactIndex.state(c);
    }
  }

  public boolean isRefreshing() {
    return running.get();
  }

  /** The contact view of the configured mapping, as its orm file names it. */
  String sourceView() {
    return emf.unwrap(JpaEntityManagerFactory.class)
        .getServerSession()
        .getDescriptor(Contact.class)
        .getTableName();
  }
}
