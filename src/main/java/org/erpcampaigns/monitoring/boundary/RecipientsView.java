package org.erpcampaigns.monitoring.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Filter;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Recipient;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The dashboard's recipients card: a database-paged table of the campaign's recipients under a
 * filter ("opened but did not click", ...), the filter saved as a new list in one click, and the
 * CSV exports.
 */
@Named
@ViewScoped
public class RecipientsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Recipients recipients;
  @Inject CampaignDashboardView dashboard;
  @Inject LocaleView localeView;

  private Filter filter = Filter.ALL;
  private String listName;
  private final LazyDataModel<Recipient> table = new Table();

  private final class Table extends LazyDataModel<Recipient> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return dashboard.getId() == null
          ? 0
          : (int) Math.min(Integer.MAX_VALUE, recipients.count(dashboard.getId(), filter.name()));
    }

    @Override
    public List<Recipient> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      return dashboard.getId() == null
          ? List.of()
          : recipients.list(dashboard.getId(), filter.name(), first, pageSize);
    }

    @Override
    public String getRowKey(Recipient r) {
      return r.partyId();
    }
  }

  /** Another filter: the table starts again at its first page. */
  public void filterChanged() {
    var table =
        jakarta.faces.context.FacesContext.getCurrentInstance()
            .getViewRoot()
            .findComponent(":recipients-form:recipients");
    if (table instanceof org.primefaces.component.datatable.DataTable t) {
      t.setFirst(0);
    }
  }

  /** Saves the filter's recipients as a new static list; says its name and size. */
  public void saveAsList() {
    try {
      DistributionList list = recipients.toList(dashboard.getId(), filter.name(), listName);
      Feedback.info(
          Messages.get(
              localeView.getLocale(),
              "recipients.listCreated",
              list.getName(),
              list.getMemberCount()));
      listName = null;
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(Messages.get(localeView.getLocale(), "error.forbidden"));
    }
  }

  public LazyDataModel<Recipient> getTable() {
    return table;
  }

  public Filter[] getFilters() {
    return Filter.values();
  }

  public Filter getFilter() {
    return filter;
  }

  public void setFilter(Filter filter) {
    this.filter = filter == null ? Filter.ALL : filter;
  }

  public String getListName() {
    return listName;
  }

  public void setListName(String listName) {
    this.listName = listName;
  }

  /** The CSV export of the filter's recipients, from the API (the session authenticates it). */
  public String getRecipientsCsv() {
    return "/api/monitoring/campaigns/" + dashboard.getId() + "/recipients.csv?filter=" + filter;
  }

  public String getEventsCsv() {
    return "/api/monitoring/campaigns/" + dashboard.getId() + "/events.csv";
  }
}
