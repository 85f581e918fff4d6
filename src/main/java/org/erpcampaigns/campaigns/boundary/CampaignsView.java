package org.erpcampaigns.campaigns.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.campaigns.control.CampaignFilter;
import org.erpcampaigns.campaigns.control.CampaignQuery;
import org.erpcampaigns.campaigns.entity.CampaignStatus;
import org.erpcampaigns.campaigns.entity.CampaignType;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The campaign list: filters by type, status, owner and period; totals per currency. */
@Named
@ViewScoped
public class CampaignsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Campaigns campaigns;
  @Inject LocaleView localeView;

  private CampaignType type;
  private CampaignStatus status;
  private String owner;
  private LocalDate from;
  private LocalDate to;
  private LazyDataModel<CampaignQuery.Row> rows;
  private List<CampaignQuery.CurrencyTotal> totals;
  private List<String> owners;

  @PostConstruct
  void init() {
    rows = new CampaignTable();
    owners = campaigns.owners();
    filter();
  }

  /** Applies the filters: the table reloads from its first page and the totals follow. */
  public void filter() {
    totals = campaigns.totals(currentFilter());
  }

  CampaignFilter currentFilter() {
    return new CampaignFilter(type, status, owner, from, to);
  }

  public String money(BigDecimal amount, String currency) {
    return CampaignFormats.money(amount, currency, localeView.getLocale());
  }

  public CampaignType[] getTypes() {
    return CampaignType.values();
  }

  public CampaignStatus[] getStatuses() {
    return CampaignStatus.values();
  }

  public List<String> getOwners() {
    return owners;
  }

  public LazyDataModel<CampaignQuery.Row> getRows() {
    return rows;
  }

  public List<CampaignQuery.CurrencyTotal> getTotals() {
    return totals;
  }

  public CampaignType getType() {
    return type;
  }

  public void setType(CampaignType type) {
    this.type = type;
  }

  public CampaignStatus getStatus() {
    return status;
  }

  public void setStatus(CampaignStatus status) {
    this.status = status;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner == null || owner.isBlank() ? null : owner;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  private class CampaignTable extends LazyDataModel<CampaignQuery.Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, campaigns.count(currentFilter()));
    }

    @Override
    public List<CampaignQuery.Row> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      CampaignQuery.Sort sort = CampaignQuery.Sort.START;
      boolean ascending = false;
      for (SortMeta s : sortBy.values()) {
        if (s.getOrder() != SortOrder.UNSORTED) {
          sort = CampaignQuery.Sort.parse(s.getField()).orElse(CampaignQuery.Sort.START);
          ascending = s.getOrder() != SortOrder.DESCENDING;
          break;
        }
      }
      return campaigns.search(currentFilter(), sort, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(CampaignQuery.Row row) {
      return String.valueOf(row.campaign().getId());
    }

    @Override
    public CampaignQuery.Row getRowData(String rowKey) {
      return null;
    }
  }
}
