package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.campaigns.boundary.CampaignFormats;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.Mailing;
import org.erpcampaigns.monitoring.entity.DeliveryRates;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.tracking.boundary.Engagement;

/** The mailings start page: templates and the most recent mailings. */
@Named
@ViewScoped
public class MailingsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Mailings mailings;
  @EJB transient Engagement engagement;
  @Inject LocaleView localeView;

  private List<MailTemplate> templates;
  private List<Mailing> recent;
  private transient Map<Long, DeliveryRates> rates;

  @PostConstruct
  void init() {
    templates = mailings.templates();
    recent = mailings.mailings();
    rates = new HashMap<>();
    engagement
        .ofMailings(recent.stream().map(Mailing::getId).toList())
        .forEach((id, counts) -> rates.put(id, DeliveryRates.of(counts)));
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

  /**
   * A mailing's open, click-through or bounce rate, or its open or click-through rate by people
   * (humanOpen, humanClick), as the page shows it.
   */
  public String rate(long mailingId, String which) {
    DeliveryRates r = rates == null ? null : rates.get(mailingId);
    if (r == null) {
      return CampaignFormats.percent(null, localeView.getLocale());
    }
    return CampaignFormats.percent(
        switch (which) {
          case "open" -> r.open();
          case "click" -> r.clickThrough();
          case "humanOpen" -> r.humanOpen();
          case "humanClick" -> r.humanClickThrough();
          default -> r.bounce();
        },
        localeView.getLocale());
  }
}
