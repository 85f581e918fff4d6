package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the scheduled mailings whose time has come: a non-persistent tick on every instance
 * (shared/DESIGN.md §5); {@link Mailings#startScheduled} starts each once, whichever instance asks
 * first, and the sender threads are woken for it.
 */
@Singleton
@PermitAll
public class ScheduledMailings {
  private static final Logger LOG = Logger.getLogger(ScheduledMailings.class.getName());

  @EJB Mailings mailings;
  @EJB MailingSender sender;

  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void startDue() {
    try {
      List<Long> due = mailings.dueScheduled();
      for (long id : due) {
        try {
          mailings.startScheduled(id);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "event=mailing-start-failed mailing=" + id, e);
        }
      }
      if (!due.isEmpty()) {
        sender.wakeUp();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "event=scheduled-mailings-failed", e);
    }
  }
}
