package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The contact page's workflow tab: the contact's timeline (enrolments, states entered, actions,
 * conditions decided, manual acts, tasks closed) and the tasks workflows made for the contact. The
 * contacts capability depends on nothing, so this bean of workflows reads the page's contact id.
 */
@Named
@ViewScoped
public class ContactWorkflowsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Workflows workflows;

  private String partyId;
  private List<Workflows.Activity> timeline;
  private List<Workflows.Task> tasks;
  private String crmParty;
  private List<Workflows.CrmUpdate> crmUpdates;

  public List<Workflows.Activity> timeline(String party) {
    read(party);
    return timeline;
  }

  public List<Workflows.Task> tasks(String party) {
    read(party);
    return tasks;
  }

  /** What workflows recorded about the contact in the CRM (role, classification, tag, event). */
  public List<Workflows.CrmUpdate> crmUpdates(String party) {
    if (party == null) {
      return List.of();
    }
    if (!party.equals(crmParty) || crmUpdates == null) {
      crmParty = party;
      crmUpdates = workflows.crmUpdates(party);
    }
    return crmUpdates;
  }

  private void read(String party) {
    if (party == null) {
      timeline = List.of();
      tasks = List.of();
    } else if (!party.equals(partyId) || timeline == null) {
      partyId = party;
      timeline = workflows.timeline(party);
      tasks = workflows.tasksOf(party);
    }
  }
}
