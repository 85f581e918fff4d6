package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts lists that a dead instance left REFRESHING back to READY with their previous members: a
 * non-persistent tick on every instance (shared/PLATFORM.md: persistent timers do not survive
 * here), the database deciding which lists are abandoned (see {@link
 * DistributionLists#releaseAbandonedRefreshes}).
 */
@Singleton
@PermitAll
public class AbandonedRefreshes {
  private static final Logger LOG = Logger.getLogger(AbandonedRefreshes.class.getName());

  @EJB DistributionLists lists;

  @Schedule(second = "*/20", minute = "*", hour = "*", persistent = false)
  void tick() {
    try {
      lists.releaseAbandonedRefreshes();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "event=list-refresh-watch-failed", e);
    }
  }
}
