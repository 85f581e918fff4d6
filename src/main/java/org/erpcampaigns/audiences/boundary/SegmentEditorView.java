package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.DateFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.ListKind;
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Segment;
import org.erpcampaigns.campaigns.boundary.CampaignPickerView;
import org.erpcampaigns.contacts.boundary.ContactDirectory;
import org.erpcampaigns.contacts.control.Countries;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/**
 * The criteria builder: a tree of groups and conditions edited in place, a live count and a preview
 * after every change, saving as a segment and creating a list from it.
 */
@Named
@ViewScoped
public class SegmentEditorView implements Serializable {
  private static final long serialVersionUID = 1L;
  static final List<String> ROLES =
      List.of("CUSTOMER", "LEAD", "PROSPECT", "ACCOUNT", "CONTACT", "SUPPLIER", "EMPLOYEE");

  @Inject DistributionLists lists;
  @Inject ContactDirectory directory;
  @Inject AudienceSources sources;
  @Inject LocaleView localeView;
  @Inject CampaignPickerView campaignPicker;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  transient DataSource dataSource;

  private Long segmentId;
  private String name;
  private CriteriaNode root;
  private int nextId;
  private ListMembership.Count count;
  private String countProblem;
  private List<ListMembership.PreviewRow> preview = List.of();
  private String listName;
  private ListKind listKind = ListKind.STATIC;
  private boolean purchases;
  private String reportingCurrency;
  private long ordersWithoutRate;
  private String currenciesWithoutRate;
  private boolean classifications;
  private boolean relations;
  private Map<String, String> categories;
  private List<String> countries;
  private List<String> states;
  private List<String> classificationGroups;

  @PostConstruct
  void init() {
    purchases = sources.hasPurchases();
    reportingCurrency = lists.reportingCurrency();
    try {
      PurchaseIndex.State index = lists.purchaseIndex();
      ordersWithoutRate = index.ordersWithoutRate();
      currenciesWithoutRate =
          index.currenciesWithoutRate().isEmpty()
              ? "—"
              : String.join(", ", index.currenciesWithoutRate());
    } catch (AudienceException notBuiltYet) {
      ordersWithoutRate = 0;
    }
    classifications = sources.hasClassifications();
    relations = sources.hasRelations();
    root = new CriteriaNode(nextId++, true);
    root.add(CriteriaNode.condition(nextId++, Field.COUNTRY));
  }

  /** Loads ?id= (a saved segment); an unknown id leaves a new segment and says so. */
  public void load() {
    if (segmentId == null || FacesContext.getCurrentInstance().isPostback()) {
      recount();
      return;
    }
    try {
      Segment s = lists.segment(segmentId);
      name = s.getName();
      int[] ids = {0};
      CriteriaNode loaded = CriteriaNode.of(lists.criteria(s), ids);
      if (!loaded.isGroup()) {
        CriteriaNode wrapper = new CriteriaNode(ids[0]++, true);
        wrapper.add(loaded);
        loaded = wrapper;
      }
      root = loaded;
      nextId = ids[0];
      warnAboutMissingCampaigns();
    } catch (AudienceException e) {
      segmentId = null;
      error(e);
    }
    recount();
  }

  /**
   * A campaign deleted since the segment was saved: its conditions stay as they are (and match no
   * one), and the user is told which campaign is missing.
   */
  private void warnAboutMissingCampaigns() {
    getRows().stream()
        .filter(n -> !n.isGroup() && n.getField().valueType() == Field.ValueType.CAMPAIGN)
        .map(CriteriaNode::getText)
        .filter(id -> !campaignPicker.known(id))
        .distinct()
        .forEach(
            id ->
                Feedback.warn(
                    Messages.get(localeView.getLocale(), "audience.unknownCampaign", id)));
  }

  /** The rows of the tree in reading order. */
  public List<CriteriaNode> getRows() {
    List<CriteriaNode> rows = new ArrayList<>();
    walk(root, rows);
    return rows;
  }

  private static void walk(CriteriaNode node, List<CriteriaNode> rows) {
    rows.add(node);
    node.getChildren().forEach(child -> walk(child, rows));
  }

  public void addCondition(CriteriaNode group) {
    group.add(CriteriaNode.condition(nextId++, Field.COUNTRY));
    recount();
  }

  public void addGroup(CriteriaNode group) {
    CriteriaNode g = new CriteriaNode(nextId++, true);
    // a group inside an AND group is most often an OR, and the other way round
    g.setLogic(
        group.getLogic() == CriteriaGroup.Logic.AND
            ? CriteriaGroup.Logic.OR
            : CriteriaGroup.Logic.AND);
    g.add(CriteriaNode.condition(nextId++, Field.COUNTRY));
    group.add(g);
    recount();
  }

  public void remove(CriteriaNode node) {
    if (node.getParent() != null) {
      node.getParent().remove(node);
    }
    recount();
  }

  /** Counts and previews the criteria as they stand; a problem is shown instead of a count. */
  public void recount() {
    Locale l = localeView.getLocale();
    try {
      var criteria = root.toCriterion();
      count = lists.count(criteria);
      preview = lists.preview(criteria, 20);
      countProblem = null;
    } catch (AudienceException e) {
      count = null;
      preview = List.of();
      countProblem = e.localised(l);
    }
  }

  public void save() {
    try {
      Segment s = lists.saveSegment(segmentId, name, root.toCriterion());
      segmentId = s.getId();
      info("audience.saved", s.getName());
    } catch (AudienceException e) {
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  /** Saves, creates a list from the segment, starts building it and opens its page. */
  public void createList() throws IOException {
    try {
      Segment s = lists.saveSegment(segmentId, name, root.toCriterion());
      segmentId = s.getId();
      DistributionList list = lists.createList(listName, null, listKind, s.getId());
      lists.refreshInBackground(list.getId());
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.getExternalContext().getFlash().setKeepMessages(true);
      faces
          .getExternalContext()
          .redirect(
              faces.getExternalContext().getRequestContextPath()
                  + "/audiences/list.xhtml?id="
                  + list.getId());
    } catch (AudienceException e) {
      error(e);
    } catch (EJBAccessException e) {
      forbidden();
    }
  }

  // --- widget options

  public List<Field> getFields() {
    return Arrays.asList(Field.values());
  }

  public String fieldLabel(Field f) {
    Locale l = localeView.getLocale();
    return Messages.get(l, "audience.fieldGroup." + f.group())
        + " › "
        + (f == Field.TOTAL_SPENT
            ? Messages.get(l, "audience.totalSpentIn", reportingCurrency)
            : Messages.get(l, "audience.field." + f.name()));
  }

  public List<Operator> operators(CriteriaNode node) {
    return node.getField().operators();
  }

  public List<String> choices(CriteriaNode node) {
    return node.getField().valueType() == Field.ValueType.BOOLEAN
        ? List.of("true", "false")
        : node.getField().choices();
  }

  /** Value → label of a multi-select, by field. */
  public Map<String, String> options(CriteriaNode node) {
    Locale l = localeView.getLocale();
    Map<String, String> options = new LinkedHashMap<>();
    switch (node.getField()) {
      case COUNTRY ->
          countries().stream()
              .sorted(Comparator.comparing(c -> Countries.name(c, l)))
              .forEach(c -> options.put(Countries.name(c, l) + " (" + c + ")", c));
      case STATE_PROVINCE -> states().forEach(s -> options.put(s, s));
      case ROLE -> ROLES.forEach(r -> options.put(localeView.label("roleType.", r), r));
      case CLASSIFICATION -> classificationGroups().forEach(g -> options.put(g, g));
      case BIRTH_MONTH -> {
        String[] months = DateFormatSymbols.getInstance(l).getMonths();
        for (int m = 1; m <= 12; m++) {
          options.put(months[m - 1], String.valueOf(m));
        }
      }
      case BOUGHT_CATEGORY -> categories().forEach((id, label) -> options.put(label, id));
      default -> {}
    }
    return options;
  }

  public List<DistributionList> getLists() {
    return lists.lists();
  }

  /** Product ids for the autocomplete: by id or name, at most 20. */
  public List<String> completeProduct(String query) {
    String pattern = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
    return strings(
        "SELECT PRODUCT_ID FROM "
            + sources.get().products()
            + " WHERE LOWER(PRODUCT_ID) LIKE ? OR LOWER(NAME) LIKE ? ORDER BY PRODUCT_ID"
            + " FETCH FIRST 20 ROWS ONLY",
        pattern,
        pattern);
  }

  public String productLabel(String id) {
    List<String> names =
        strings("SELECT NAME FROM " + sources.get().products() + " WHERE PRODUCT_ID = ?", id);
    return names.isEmpty() ? id : id + " — " + names.get(0);
  }

  private List<String> countries() {
    if (countries == null) {
      countries = directory.countries();
    }
    return countries;
  }

  private List<String> states() {
    if (states == null) {
      states =
          strings(
              "SELECT DISTINCT STATE_PROVINCE FROM CM_CONTACT_INDEX WHERE STATE_PROVINCE IS NOT"
                  + " NULL ORDER BY STATE_PROVINCE FETCH FIRST 500 ROWS ONLY");
    }
    return states;
  }

  private List<String> classificationGroups() {
    if (classificationGroups == null) {
      classificationGroups =
          strings(
              "SELECT DISTINCT GROUP_ID FROM "
                  + sources.get().classifications()
                  + " WHERE GROUP_ID IS NOT NULL ORDER BY GROUP_ID FETCH FIRST 500 ROWS ONLY");
    }
    return classificationGroups;
  }

  private Map<String, String> categories() {
    if (categories == null) {
      categories = new LinkedHashMap<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT CATEGORY_ID, NAME FROM "
                      + sources.get().categories()
                      + " ORDER BY NAME, CATEGORY_ID FETCH FIRST 1000 ROWS ONLY");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          categories.put(rs.getString(1), rs.getString(2) + " (" + rs.getString(1) + ")");
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return categories;
  }

  private List<String> strings(String sql, String... parameters) {
    List<String> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  /** Why a previewed contact would be left out, in words; empty when it would be in. */
  public String reason(String code) {
    return code == null ? "" : Messages.get(localeView.getLocale(), "audience.reason." + code);
  }

  public String countryName(String code) {
    return code == null ? "" : Countries.name(code, localeView.getLocale());
  }

  public ListKind[] getKinds() {
    return ListKind.values();
  }

  public CriteriaNode.PeriodMode[] getPeriodModes() {
    return CriteriaNode.PeriodMode.values();
  }

  public CriteriaGroup.Logic[] getLogics() {
    return CriteriaGroup.Logic.values();
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

  // --- page state

  public Long getSegmentId() {
    return segmentId;
  }

  public void setSegmentId(Long segmentId) {
    this.segmentId = segmentId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ListMembership.Count getCount() {
    return count;
  }

  public String getCountProblem() {
    return countProblem;
  }

  public List<ListMembership.PreviewRow> getPreview() {
    return preview;
  }

  public String getListName() {
    return listName;
  }

  public void setListName(String listName) {
    this.listName = listName;
  }

  public ListKind getListKind() {
    return listKind;
  }

  public void setListKind(ListKind listKind) {
    this.listKind = listKind;
  }

  public boolean isPurchases() {
    return purchases;
  }

  public String getReportingCurrency() {
    return reportingCurrency;
  }

  /** Completed orders left out of totals spent: no exchange rate at their date. */
  public long getOrdersWithoutRate() {
    return ordersWithoutRate;
  }

  public String getCurrenciesWithoutRate() {
    return currenciesWithoutRate;
  }

  public boolean isClassifications() {
    return classifications;
  }

  public boolean isRelations() {
    return relations;
  }
}
