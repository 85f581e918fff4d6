package org.erpcampaigns.audiences.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.erpcampaigns.audiences.control.ListImport;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.Segment;
import org.erpcampaigns.contacts.boundary.ContactDirectory;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.control.Countries;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * One list: size, breakdown, last refresh (a refresh runs in the background; the page polls its
 * status), the members in a database-paged table, refinement (add, remove, exclude), why a contact
 * is not in it, CSV import with its report and CSV export.
 */
@Named
@ViewScoped
public class ListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject DistributionLists lists;
  @Inject ContactDirectory directory;
  @Inject LocaleView localeView;

  private Long id;
  private DistributionList list;
  private Segment segment;
  private List<ListMembership.Share> breakdown = List.of();
  private List<String> exclusions = List.of();
  private final LazyDataModel<ListMembership.MemberRow> members = new MemberTable();
  private String search;
  private String contactToAdd;
  private String whyId;
  private String explanation;
  private ListImport.Report report;
  private LocalDateTime refreshRequestedAt;

  public void load() {
    if (id == null) {
      notFound();
      return;
    }
    try {
      reload();
    } catch (AudienceException e) {
      list = null;
      error(e);
    }
  }

  private void reload() {
    list = lists.list(id);
    segment = lists.segmentOf(list).orElse(null);
    breakdown = lists.breakdown(id);
    exclusions = lists.exclusions(id);
  }

  private void notFound() {
    error(AudienceException.notFound("audience.error.listNotFound", "?"));
  }

  /** The poll while a refresh runs: reload, and stop polling when it is done. */
  public void poll() {
    reload();
  }

  public void refresh() {
    try {
      reload();
      if (lists.isRefreshInProgress(list)) {
        throw AudienceException.conflict("audience.error.refreshing", list.getName());
      }
      refreshRequestedAt = LocalDateTime.now(java.time.ZoneOffset.UTC);
      lists.refreshInBackground(id);
      info("audience.refreshStarted", list.getName());
    } catch (AudienceException e) {
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  /** A refresh runs or was asked for and has not finished (the page polls meanwhile). */
  public boolean isBusy() {
    if (list == null) {
      return false;
    }
    if (lists.isRefreshInProgress(list)) {
      return true;
    }
    if (refreshRequestedAt == null) {
      return false;
    }
    boolean done =
        list.getRefreshedAt() != null && !list.getRefreshedAt().isBefore(refreshRequestedAt);
    if (done
        || refreshRequestedAt.isBefore(
            LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10))) {
      refreshRequestedAt = null;
      return false;
    }
    return true;
  }

  public void addContact() {
    try {
      ListMembership.Explanation e = lists.addContact(id, contactToAdd);
      explanation = explain(contactToAdd, e);
      contactToAdd = null;
      reload();
    } catch (AudienceException e) {
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  public List<String> completeContact(String query) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    return directory
        .search(ContactFilter.none().withName(query), ContactSort.NAME, true, 0, 15)
        .stream()
        .map(ContactCard::getId)
        .toList();
  }

  public String contactLabel(String partyId) {
    return directory
        .find(partyId)
        .map(c -> c.getDisplayName() + (c.getEmail() == null ? "" : " <" + c.getEmail() + ">"))
        .orElse(partyId);
  }

  public void remove(String partyId, boolean exclude) {
    try {
      lists.removeMember(id, partyId, exclude);
      info(exclude ? "audience.excluded" : "audience.removed", partyId);
      reload();
    } catch (AudienceException e) {
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  public void lift(String partyId) {
    try {
      lists.liftExclusion(id, partyId);
      reload();
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  public void explainWhy() {
    try {
      explanation = explain(whyId, lists.explain(id, whyId));
    } catch (AudienceException e) {
      error(e);
    }
  }

  private String explain(String partyId, ListMembership.Explanation e) {
    Locale l = localeView.getLocale();
    String detail =
        e.standing() == ListMembership.Standing.SUPPRESSED
            ? Messages.get(l, "audience.reason." + e.detail())
            : e.detail();
    return Messages.get(l, "audience.standing." + e.standing(), partyId, detail);
  }

  public void upload(FileUploadEvent event) {
    try (InputStream in = event.getFile().getInputStream()) {
      report = lists.importCsv(id, in);
      reload();
    } catch (AudienceException e) {
      report = null;
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String getReportText() {
    if (report == null) {
      return null;
    }
    Locale l = localeView.getLocale();
    StringBuilder sb =
        new StringBuilder(
            Messages.get(
                l,
                "audience.importReport",
                report.rows(),
                report.matched(),
                report.unmatched(),
                report.added()));
    if (!report.unmatchedSample().isEmpty()) {
      sb.append(' ')
          .append(
              Messages.get(
                  l, "audience.importUnmatched", String.join(", ", report.unmatchedSample())));
    }
    if (!report.notAdded().isEmpty()) {
      String why =
          report.notAdded().entrySet().stream()
              .map(e -> Messages.get(l, "audience.reason." + e.getKey()) + " " + e.getValue())
              .collect(Collectors.joining(", "));
      sb.append(' ').append(Messages.get(l, "audience.importNotAdded", why));
    }
    return sb.toString();
  }

  public long getImportMaxMegabytes() {
    return lists.importLimitMegabytes();
  }

  public String when(LocalDateTime at) {
    return at == null
        ? Messages.get(localeView.getLocale(), "audience.never")
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(localeView.getLocale())
            .format(at);
  }

  public String countryName(String code) {
    return code == null ? "—" : Countries.name(code, localeView.getLocale());
  }

  private class MemberTable extends LazyDataModel<ListMembership.MemberRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return list == null ? 0 : (int) Math.min(Integer.MAX_VALUE, lists.memberCount(id, search));
    }

    @Override
    public List<ListMembership.MemberRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      return list == null ? List.of() : lists.members(id, search, first, pageSize);
    }

    @Override
    public String getRowKey(ListMembership.MemberRow row) {
      return row.partyId();
    }
  }

  private void info(String key, Object... args) {
    Feedback.info(Messages.get(localeView.getLocale(), key, args));
  }

  private void error(AudienceException e) {
    Feedback.error(e.localised(localeView.getLocale()));
  }

  private void forbidden() {
    Feedback.error(Messages.get(localeView.getLocale(), "error.forbidden"));
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public DistributionList getList() {
    return list;
  }

  public Segment getSegment() {
    return segment;
  }

  public List<ListMembership.Share> getBreakdown() {
    return breakdown;
  }

  public List<String> getExclusions() {
    return exclusions;
  }

  public LazyDataModel<ListMembership.MemberRow> getMembers() {
    return members;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public String getContactToAdd() {
    return contactToAdd;
  }

  public void setContactToAdd(String contactToAdd) {
    this.contactToAdd = contactToAdd;
  }

  public String getWhyId() {
    return whyId;
  }

  public void setWhyId(String whyId) {
    this.whyId = whyId;
  }

  public String getExplanation() {
    return explanation;
  }
}
