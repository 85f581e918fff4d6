package org.erpcampaigns.contacts.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.contacts.control.CrmWrites;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.control.ErpMappingSource;

/**
 * The workflows' updates of the CRM written into the ERP's tables, as far as {@value CrmWrites#KEY}
 * and the mapping allow (shared/DESIGN.md §4 keeps ERP tables read-only unless a switch says
 * otherwise: this is that switch for roles, classifications and communication events). It runs in
 * the caller's transaction: the engine's record of the update and the ERP's row commit or roll back
 * together, so each contact is updated once per step.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class CrmWriteBack {
  private static final Logger LOG = Logger.getLogger(CrmWriteBack.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = CrmWrites.KEY, defaultValue = "none")
  String setting;

  private volatile CrmWrites writes = CrmWrites.NONE;

  @PostConstruct
  void init() {
    Set<CrmWrites.Kind> allowed;
    try {
      allowed = CrmWrites.allowed(setting);
    } catch (IllegalArgumentException e) {
      LOG.warning(
          () -> "event=config-invalid key=" + CrmWrites.KEY + " value=" + setting + " using=none");
      return;
    }
    ClassLoader loader = getClass().getClassLoader();
    writes = CrmWrites.of(allowed, file -> ErpMappingSource.mappingFile(loader, file));
    for (CrmWrites.Kind k : allowed) {
      if (!writes.toErp(k)) {
        LOG.warning(
            () ->
                "event=crm-write-unavailable kind="
                    + k.setting
                    + " reason=the ERP mapping has no "
                    + k.file
                    + " using=erp-campaigns' own table");
      }
    }
    LOG.info(() -> "event=crm-write kinds=" + writes.kinds());
  }

  /** Whether updates of this kind (ROLE, CLASSIFICATION, COMMUNICATION) go into the ERP. */
  public boolean toErp(String kind) {
    return writes.toErp(CrmWrites.Kind.valueOf(kind));
  }

  /** Copies a workflow step's recorded updates of this kind and run into the ERP. */
  public int write(String kind, String run) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return writes.write(c, CrmWrites.Kind.valueOf(kind), run);
    }
  }
}
