package org.erpcampaigns.workflows.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 10 seconds, on every instance: mails the due notices of NOTIFY steps. The notices are rows
 * claimed with SKIP LOCKED, so instances share them and a restart resumes them (shared/DESIGN.md
 * §5); a tick still running when the next one comes lets it pass.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class WorkflowNoticeTimer {
  private static final Logger LOG = Logger.getLogger(WorkflowNoticeTimer.class.getName());

  @EJB WorkflowNotices notices;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      for (List<WorkflowNotices.Message> due; !(due = notices.claim(100)).isEmpty(); ) {
        for (WorkflowNotices.Message m : due) {
          notices.sent(m, notices.send(m));
        }
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "event=workflow-notice-tick-failed", e);
    } finally {
      running.set(false);
    }
  }
}
