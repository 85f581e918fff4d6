package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.contacts.control.ContactIndex;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Keeps the purchase index as fresh as the contact index: a non-persistent tick on every instance
 * refreshes it when the contact index was refreshed after it (or it was never built, or with
 * another mapping or reporting currency). The state row lock in {@link PurchaseIndex} makes a
 * cluster refresh once at a time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@PermitAll
public class PurchaseIndexer {
  private static final Logger LOG = Logger.getLogger(PurchaseIndexer.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject AudienceSources sources;

  @Inject
  @ConfigProperty(
      name = "campaigns.reporting-currency",
      defaultValue = PurchaseIndex.DEFAULT_REPORTING_CURRENCY)
  String reportingCurrency;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(minute = "*", hour = "*", second = "30", persistent = false)
  void tick() {
    try {
      if (isStale()) {
        refresh();
      }
    } catch (RuntimeException | SQLException e) {
      LOG.log(Level.WARNING, "event=purchase-index-refresh-failed", e);
    }
  }

  boolean isStale() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Optional<ContactIndex.State> contacts = ContactIndex.state(c);
      Optional<PurchaseIndex.State> purchases = PurchaseIndex.state(c);
      return contacts.isPresent()
          && (purchases.isEmpty()
              || purchases.get().refreshedAt().isBefore(contacts.get().refreshedAt())
              || !purchases.get().sourceView().equals(sources.get().purchases())
              || !purchases.get().reportingCurrency().equals(reportingCurrency()));
    }
  }

  /** Refreshes now, unless a refresh is already running on this instance. */
  public Optional<PurchaseIndex.State> refresh() throws SQLException {
    if (!running.compareAndSet(false, true)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      PurchaseIndex.State s = PurchaseIndex.refresh(c, sources.get(), reportingCurrency());
      LOG.info(
          () ->
              "event=purchase-index-refreshed purchases="
                  + s.purchases()
                  + " items="
                  + s.items()
                  + " currency="
                  + s.reportingCurrency()
                  + " orders-without-rate="
                  + s.ordersWithoutRate()
                  + (s.currenciesWithoutRate().isEmpty()
                      ? ""
                      : " currencies-without-rate=" + String.join(",", s.currenciesWithoutRate()))
                  + " ms="
                  + s.millis());
      return Optional.of(s);
    } finally {
      running.set(false);
    }
  }

  /** The configured currency that totals spent are in (ISO 4217, upper case). */
  public String reportingCurrency() {
    return reportingCurrency.strip().toUpperCase(Locale.ROOT);
  }

  public Optional<PurchaseIndex.State> state() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return PurchaseIndex.state(c);
    }
  }
}
