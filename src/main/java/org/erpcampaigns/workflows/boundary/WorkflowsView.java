package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;
import org.erpcampaigns.workflows.control.WorkflowTemplates;
import org.erpcampaigns.workflows.entity.Workflow;

/**
 * The workflows page: every workflow (or those of one campaign, {@code ?campaign=}) with its
 * status, published version and contacts inside, the status moves its status allows, and the form
 * that creates a workflow, empty or from a ready-made one, and opens it in the designer.
 */
@Named
@ViewScoped
public class WorkflowsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Workflows workflows;
  @EJB transient Campaigns campaigns;
  @EJB transient DistributionLists lists;
  @Inject LocaleView localeView;

  private Long campaign;
  private String campaignName;
  private List<Row> rows = List.of();
  private List<DistributionList> listChoices = List.of();

  private String newName;
  private String newCampaign;
  private Long newList;
  private String newTemplate = "reminder";
  private boolean newKeepEnrolling;

  /** One workflow as the table shows it. */
  public record Row(
      Workflow workflow, String campaignName, Integer versionNumber, long inside, long ended) {}

  public void load() {
    if (campaign != null) {
      Campaign c = campaigns.find(campaign).orElse(null);
      if (c == null) {
        Feedback.warn(Messages.get(locale(), "campaign.error.unknown", campaign));
        campaign = null;
      } else {
        campaignName = c.getName();
        if (newCampaign == null) {
          newCampaign = String.valueOf(campaign);
        }
      }
    }
    List<Row> found = new ArrayList<>();
    for (Workflow w : campaign == null ? workflows.all() : workflows.ofCampaign(campaign)) {
      long inside = 0;
      long ended = 0;
      for (Map<String, Long> byStatus : workflows.counts(w.getId()).values()) {
        for (Map.Entry<String, Long> e : byStatus.entrySet()) {
          if ("ENDED".equals(e.getKey())) {
            ended += e.getValue();
          } else {
            inside += e.getValue();
          }
        }
      }
      Integer number =
          workflows.versions(w.getId()).stream()
              .filter(v -> v.getId().equals(w.getPublishedVersionId()))
              .map(v -> v.getNumber())
              .findFirst()
              .orElse(null);
      found.add(
          new Row(
              w,
              campaigns
                  .find(w.getCampaignId())
                  .map(Campaign::getName)
                  .orElse("#" + w.getCampaignId()),
              number,
              inside,
              ended));
    }
    rows = found;
    listChoices = lists.lists();
  }

  /** Publishes the workflow's draft as a new version. */
  public void publish(Workflow w) {
    try {
      int number = workflows.publish(w.getId(), w.getVersion()).getNumber();
      Feedback.info(Messages.get(locale(), "workflow.published", w.getName(), number));
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    load();
  }

  /** START, PAUSE, RESUME or STOP. */
  public void perform(Workflow w, String action) {
    try {
      workflows.perform(w.getId(), w.getVersion(), action);
      Feedback.info(
          Messages.get(
              locale(),
              "workflow.moved",
              w.getName(),
              Messages.get(locale(), "workflow.action." + action)));
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    load();
  }

  /** Creates the workflow of the form and opens it in the designer. */
  public String create() {
    Long campaignId;
    try {
      campaignId =
          newCampaign == null || newCampaign.isBlank() ? null : Long.valueOf(newCampaign.strip());
    } catch (NumberFormatException e) {
      campaignId = null;
    }
    if (campaignId == null) {
      Feedback.error(Messages.get(locale(), "workflow.error.noCampaign"));
      return null;
    }
    try {
      Workflow w =
          workflows.create(
              campaignId,
              newName,
              newList,
              newKeepEnrolling,
              false,
              null,
              newTemplate == null || newTemplate.isBlank() ? null : newTemplate);
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      Feedback.info(Messages.get(locale(), "workflow.created", w.getName()));
      return "/workflows/workflow?faces-redirect=true&id=" + w.getId();
    } catch (RuleException e) {
      Feedback.error(e.localised(locale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(locale(), "error.forbidden"));
    }
    return null;
  }

  public List<WorkflowTemplates.Template> getTemplates() {
    return WorkflowTemplates.all();
  }

  private Locale locale() {
    return localeView.getLocale();
  }

  public Long getCampaign() {
    return campaign;
  }

  public void setCampaign(Long campaign) {
    this.campaign = campaign;
  }

  public String getCampaignName() {
    return campaignName;
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<DistributionList> getListChoices() {
    return listChoices;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getNewCampaign() {
    return newCampaign;
  }

  public void setNewCampaign(String newCampaign) {
    this.newCampaign = newCampaign;
  }

  public Long getNewList() {
    return newList;
  }

  public void setNewList(Long newList) {
    this.newList = newList;
  }

  public String getNewTemplate() {
    return newTemplate;
  }

  public void setNewTemplate(String newTemplate) {
    this.newTemplate = newTemplate;
  }

  public boolean isNewKeepEnrolling() {
    return newKeepEnrolling;
  }

  public void setNewKeepEnrolling(boolean newKeepEnrolling) {
    this.newKeepEnrolling = newKeepEnrolling;
  }
}
