package org.erpcampaigns.contacts.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.control.Countries;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.contacts.entity.ContactType;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The contacts table: filters, sorting and paging all done by the database. */
@Named
@ViewScoped
public class ContactsView implements Serializable {
  private static final long serialVersionUID = 1L;
  static final List<String> ROLES =
      List.of("CUSTOMER", "LEAD", "PROSPECT", "ACCOUNT", "CONTACT", "SUPPLIER");

  @Inject ContactDirectory directory;
  @EJB ContactIndexer indexer;
  @Inject LocaleView localeView;

  private LazyDataModel<ContactCard> contacts;
  private List<String> countries;
  private final Set<String> optedOutOnPage = new HashSet<>();

  @PostConstruct
  void init() {
    countries = directory.countries();
    contacts = new ContactTable();
  }

  public LazyDataModel<ContactCard> getContacts() {
    return contacts;
  }

  /** Country codes sorted by their name in the user's language. */
  public List<String> getCountries() {
    Locale l = localeView.getLocale();
    return countries.stream().sorted(Comparator.comparing(c -> Countries.name(c, l))).toList();
  }

  public String countryName(String code) {
    return Countries.name(code, localeView.getLocale());
  }

  public List<String> getRoles() {
    return ROLES;
  }

  public ContactType[] getTypes() {
    return ContactType.values();
  }

  public ContactFilter.Solicitation[] getSolicitations() {
    return ContactFilter.Solicitation.values();
  }

  /** "5,000 contacts as of 24 Nov 2026, 14:05" for the page header. */
  public String getIndexState() throws SQLException {
    Locale l = localeView.getLocale();
    return indexer
        .state()
        .map(
            s ->
                Messages.get(
                    l,
                    "contacts.indexState",
                    s.contacts(),
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                            .withLocale(l)
                            .format(s.refreshedAt())
                        + " UTC"))
        .orElse(Messages.get(l, "contacts.indexEmpty"));
  }

  /** Copies the ERP's contacts into the index now, instead of at the next scheduled refresh. */
  public void refreshIndex() throws SQLException {
    Locale l = localeView.getLocale();
    FacesMessage message;
    try {
      message =
          indexer
              .refreshNow()
              .map(
                  s ->
                      new FacesMessage(
                          FacesMessage.SEVERITY_INFO,
                          Messages.get(l, "contacts.refreshed", s.contacts(), s.millis()),
                          null))
              .orElse(
                  new FacesMessage(
                      FacesMessage.SEVERITY_WARN, Messages.get(l, "contacts.refreshBusy"), null));
      countries = directory.countries();
    } catch (EJBAccessException e) {
      message =
          new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get(l, "error.forbidden"), null);
    }
    FacesContext.getCurrentInstance().addMessage(null, message);
  }

  public boolean isOptedOut(ContactCard c) {
    return optedOutOnPage.contains(c.getId());
  }

  private class ContactTable extends LazyDataModel<ContactCard> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, directory.count(filter(filterBy)));
    }

    @Override
    public List<ContactCard> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      ContactSort sort = ContactSort.NAME;
      boolean ascending = true;
      for (SortMeta s : sortBy.values()) {
        if (s.getOrder() != SortOrder.UNSORTED) {
          sort = ContactSort.parse(s.getField()).orElse(ContactSort.NAME);
          ascending = s.getOrder() != SortOrder.DESCENDING;
          break;
        }
      }
      List<ContactCard> page = directory.search(filter(filterBy), sort, ascending, first, pageSize);
      optedOutOnPage.clear();
      optedOutOnPage.addAll(directory.optedOut(page.stream().map(ContactCard::getId).toList()));
      return page;
    }

    @Override
    public String getRowKey(ContactCard contact) {
      return contact.getId();
    }

    @Override
    public ContactCard getRowData(String rowKey) {
      return directory.find(rowKey).orElse(null);
    }
  }

  static ContactFilter filter(Map<String, FilterMeta> filterBy) {
    return new ContactFilter(
        text(filterBy, "displayName"),
        text(filterBy, "organisationName"),
        text(filterBy, "email"),
        text(filterBy, "city"),
        text(filterBy, "country"),
        text(filterBy, "roles"),
        parse(ContactType.class, text(filterBy, "type")),
        parse(ContactFilter.Solicitation.class, text(filterBy, "solicitationAllowed")));
  }

  private static String text(Map<String, FilterMeta> filterBy, String field) {
    FilterMeta meta = filterBy.get(field);
    if (meta == null || meta.getFilterValue() == null) {
      return null;
    }
    String value = meta.getFilterValue().toString();
    return value.isBlank() ? null : value;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
