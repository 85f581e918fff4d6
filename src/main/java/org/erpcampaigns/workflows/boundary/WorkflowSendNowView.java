package org.erpcampaigns.workflows.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * The designer's "send an email now" form: a template to the contacts in one state of the running
 * workflow, outside its steps (see {@link Workflows#sendNow}).
 */
@Named
@ViewScoped
public class WorkflowSendNowView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Workflows workflows;
  @Inject WorkflowDesignerView designer;
  @Inject LocaleView localeView;

  private String state;
  private Long templateId;

  /** Queues the template for the state's contacts; says for how many and through which mailing. */
  public void send() {
    try {
      Workflows.AdHocSend sent = workflows.sendNow(designer.getId(), state, templateId);
      Feedback.info(
          Messages.get(
              localeView.getLocale(),
              "workflow.sendNow.done",
              sent.contacts(),
              state,
              sent.mailingId()));
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(localeView.getLocale(), "error.forbidden"));
    }
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Long getTemplateId() {
    return templateId;
  }

  public void setTemplateId(Long templateId) {
    this.templateId = templateId;
  }
}
