package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.Mailing;

/** The mailings start page: templates and the most recent mailings. */
@Named
@ViewScoped
public class MailingsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Mailings mailings;

  private List<MailTemplate> templates;
  private List<Mailing> recent;

  @PostConstruct
  void init() {
    templates = mailings.templates();
    recent = mailings.mailings();
  }

  public List<MailTemplate> getTemplates() {
    return templates;
  }

  public List<Mailing> getMailings() {
    return recent;
  }

  /** Template names by id, for the mailings table. */
  public String templateName(long id) {
    return templates.stream()
        .filter(t -> t.getId() == id)
        .map(MailTemplate::getName)
        .findFirst()
        .orElse("#" + id);
  }

  public String languages(MailTemplate t) {
    return String.join(", ", t.getVariants().stream().map(v -> v.getLanguage()).toList());
  }
}
