package org.erpcampaigns.platform.control;

import javax.sql.DataSource;
import org.erpcampaigns.mailings.control.V33__Outbox_room_for_updates;
import org.erpcampaigns.mailings.control.V38__Outbox_partial_indexes;
import org.flywaydb.core.Flyway;

/** Flyway runs: our own CM_ tables always, the OFBiz-shaped demo tables only in demo and tests. */
public final class Migrations {

  private Migrations() {}

  /**
   * Brings the CM_ tables up to date; returns the number of migrations applied. Each capability
   * numbers its migrations in a range of its own (campaigns V10-V19, audiences V20-V29, mailings
   * and tracking V30-V39), so a capability's new migration may be numbered below one already
   * applied: out-of-order migrations are applied rather than refused.
   */
  public static int campaignsSchema(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // Java migrations are named here, not found by scanning the application's classes
        .javaMigrations(new V33__Outbox_room_for_updates(), new V38__Outbox_partial_indexes())
        .table("CM_SCHEMA_HISTORY")
        .outOfOrder(true)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /**
   * (Re)creates the views through which the configured ERP mapping reads the ERP's tables (CM_
   * prefix; re-run whenever the mapping's SQL changes). Switching mappings leaves the other
   * mapping's views in place, unused.
   */
  public static void erpViews(DataSource dataSource, String mapping) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(ErpMappingSource.viewsLocation(mapping))
        .table("CM_ERP_VIEWS_HISTORY")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .ignoreMigrationPatterns("*:missing")
        .load()
        .migrate();
  }

  /**
   * Creates the subset of the OFBiz data model and the flat contact table that the demo and the
   * tests use in place of a real ERP. A real installation never runs this.
   */
  public static void erpDemoSchema(DataSource dataSource) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/erp/ofbiz", "classpath:db/erp/flat")
        .table("CM_ERP_DEMO_HISTORY")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        // the OFBiz subset (V1-V9) grows after the flat table (V10) was made in existing databases
        .outOfOrder(true)
        .load()
        .migrate();
  }
}
