package org.erpcampaigns.monitoring.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.erpcampaigns.campaigns.boundary.CampaignFormats;
import org.erpcampaigns.platform.boundary.LocaleView;

/** The overview page of the running campaigns; read again by its poll. */
@Named
@ViewScoped
public class CampaignOverviewView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient CampaignOverview overview;
  @Inject LocaleView localeView;

  private List<CampaignOverview.Row> rows = List.of();

  @PostConstruct
  void init() {
    refresh();
  }

  public void refresh() {
    rows = overview.rows();
  }

  public List<CampaignOverview.Row> getRows() {
    return rows;
  }

  public String sparkline(CampaignOverview.Row r) {
    return CampaignOverview.sparkline(r.activity());
  }

  public String percent(BigDecimal value) {
    return CampaignFormats.percent(value, localeView.getLocale());
  }

  public String count(long value) {
    return CampaignFormats.count(BigDecimal.valueOf(value), localeView.getLocale());
  }
}
