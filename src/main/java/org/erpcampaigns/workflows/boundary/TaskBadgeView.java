package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.erpcampaigns.platform.boundary.UserView;

/** The navigation's count of the caller's open tasks, read once per request. */
@Named
@RequestScoped
public class TaskBadgeView {
  @EJB Workflows workflows;
  @Inject UserView userView;

  private Long open;

  public long getOpen() {
    if (open == null) {
      open = userView.getName() == null ? 0 : workflows.openTasksOfCaller();
    }
    return open;
  }
}
