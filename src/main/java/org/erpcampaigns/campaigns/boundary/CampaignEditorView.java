package org.erpcampaigns.campaigns.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.campaigns.entity.AudienceKind;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignPlan;
import org.erpcampaigns.campaigns.entity.CampaignType;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.boundary.UserView;
import org.erpcampaigns.platform.control.Messages;

/**
 * The campaign editor: a new campaign, or the plan of an existing one (?id=). It keeps the version
 * it loaded, so a save over someone else's change is refused with a clear message and the user's
 * input stays on screen.
 */
@Named
@ViewScoped
public class CampaignEditorView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Campaigns campaigns;
  @Inject LocaleView localeView;
  @Inject UserView userView;

  private Long id;
  private Integer version;
  private boolean found = true;
  private String name;
  private String description;
  private CampaignType type = CampaignType.MARKETING;
  private AudienceKind audience = AudienceKind.BOTH;
  private String owner;
  private Long parentId;
  private LocalDate plannedStart;
  private LocalDate plannedEnd;
  private String currency = "EUR";
  private String timeZone = ZoneId.systemDefault().getId();
  private BigDecimal budget;
  private final List<SplitLine> split = new ArrayList<>();
  private Integer warningPercent = Campaign.DEFAULT_WARNING_PERCENT;
  private BigDecimal costPerEmail;
  private Long targetLeads;
  private BigDecimal targetConversionRate;
  private BigDecimal expectedRevenue;
  private BigDecimal targetRoi;
  private List<String> leadEventTypes = new ArrayList<>(List.of("CLICKED", "REPLIED"));
  private Integer attributionDays = Campaign.DEFAULT_ATTRIBUTION_DAYS;
  private List<Campaign> parents;

  {
    for (CostCategory c : CostCategory.values()) {
      split.add(new SplitLine(c));
    }
  }

  /** Loads the campaign named by ?id=, or prepares a new one. */
  public void load() {
    if (!FacesContext.getCurrentInstance().isPostback()) {
      if (id == null) {
        owner = userView.getName();
      } else {
        Campaign c = campaigns.find(id).orElse(null);
        if (c == null) {
          found = false;
          FacesContext.getCurrentInstance()
              .getExternalContext()
              .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
          message(FacesMessage.SEVERITY_WARN, Messages.get(locale(), "campaign.error.unknown", id));
        } else {
          fill(c);
        }
      }
      parents = campaigns.parentCandidates(id);
    }
  }

  private void fill(Campaign c) {
    version = c.getVersion();
    name = c.getName();
    description = c.getDescription();
    type = c.getType();
    audience = c.getAudience();
    owner = c.getOwner();
    parentId = c.getParent() == null ? null : c.getParent().getId();
    plannedStart = c.getPlannedStart();
    plannedEnd = c.getPlannedEnd();
    currency = c.getCurrency();
    timeZone = c.getTimeZone();
    budget = c.getBudget();
    split.forEach(l -> l.setAmount(c.getBudgetByCategory().get(l.getCategory())));
    warningPercent = c.getWarningPercent();
    costPerEmail = c.getCostPerEmail();
    targetLeads = c.getGoals().getLeads();
    targetConversionRate = c.getGoals().getConversionRate();
    expectedRevenue = c.getGoals().getRevenue();
    targetRoi = c.getGoals().getRoi();
    leadEventTypes = new ArrayList<>(c.getLeadEvents());
    attributionDays = c.getAttributionDays();
  }

  /** Saves and opens the campaign page; a broken rule is a message and the input stays. */
  public String save() {
    CampaignPlan plan =
        new CampaignPlan(
            name,
            description,
            type,
            audience,
            owner,
            parentId,
            plannedStart,
            plannedEnd,
            currency,
            timeZone,
            budget,
            splitAmounts(),
            warningPercent,
            costPerEmail,
            targetLeads,
            targetConversionRate,
            expectedRevenue,
            targetRoi,
            new LinkedHashSet<>(leadEventTypes),
            attributionDays);
    // a refusal is shown by RefusalExceptionHandlerFactory, and the editor stays as it is
    Campaign saved = id == null ? campaigns.create(plan) : campaigns.update(id, version, plan);
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    message(FacesMessage.SEVERITY_INFO, Messages.get(locale(), "campaign.saved", saved.getName()));
    return "/campaigns/campaign?faces-redirect=true&id=" + saved.getId();
  }

  /** One category of the budget split, typed, so the page converts the amount to BigDecimal. */
  public static final class SplitLine implements Serializable {
    private static final long serialVersionUID = 1L;
    private final CostCategory category;
    private BigDecimal amount;

    SplitLine(CostCategory category) {
      this.category = category;
    }

    public CostCategory getCategory() {
      return category;
    }

    public BigDecimal getAmount() {
      return amount;
    }

    public void setAmount(BigDecimal amount) {
      this.amount = amount;
    }
  }

  private Map<CostCategory, BigDecimal> splitAmounts() {
    Map<CostCategory, BigDecimal> amounts = new EnumMap<>(CostCategory.class);
    split.stream()
        .filter(l -> l.getAmount() != null)
        .forEach(l -> amounts.put(l.getCategory(), l.getAmount()));
    return amounts;
  }

  public List<CampaignType> getTypes() {
    return List.of(CampaignType.values());
  }

  public List<AudienceKind> getAudiences() {
    return List.of(AudienceKind.values());
  }

  public List<CostCategory> getCategories() {
    return List.of(CostCategory.values());
  }

  public List<String> getEventTypes() {
    return Campaign.EVENT_TYPES;
  }

  /** ISO 4217 codes, the usual ones first. */
  public List<String> getCurrencies() {
    List<String> codes = new ArrayList<>(List.of("EUR", "USD", "GBP", "CHF"));
    Currency.getAvailableCurrencies().stream()
        .map(Currency::getCurrencyCode)
        .sorted()
        .filter(c -> !codes.contains(c))
        .forEach(codes::add);
    return codes;
  }

  public List<String> getTimeZones() {
    java.util.TreeSet<String> zones = new java.util.TreeSet<>();
    ZoneId.getAvailableZoneIds().stream()
        .filter(z -> z.contains("/") && !z.startsWith("SystemV/"))
        .forEach(zones::add);
    zones.add("UTC");
    // the server's own zone and the campaign's are always offered, whatever their form
    zones.add(ZoneId.systemDefault().getId());
    if (timeZone != null) {
      zones.add(timeZone);
    }
    return List.copyOf(zones);
  }

  public List<Campaign> getParents() {
    return parents;
  }

  private java.util.Locale locale() {
    return localeView.getLocale();
  }

  private static void message(FacesMessage.Severity severity, String text) {
    Feedback.add(severity, text);
  }

  public boolean isFound() {
    return found;
  }

  public boolean isNew() {
    return id == null;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public Integer getVersion() {
    return version;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public CampaignType getType() {
    return type;
  }

  public void setType(CampaignType type) {
    this.type = type;
  }

  public AudienceKind getAudience() {
    return audience;
  }

  public void setAudience(AudienceKind audience) {
    this.audience = audience;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public Long getParentId() {
    return parentId;
  }

  public void setParentId(Long parentId) {
    this.parentId = parentId;
  }

  public LocalDate getPlannedStart() {
    return plannedStart;
  }

  public void setPlannedStart(LocalDate plannedStart) {
    this.plannedStart = plannedStart;
  }

  public LocalDate getPlannedEnd() {
    return plannedEnd;
  }

  public void setPlannedEnd(LocalDate plannedEnd) {
    this.plannedEnd = plannedEnd;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public BigDecimal getBudget() {
    return budget;
  }

  public void setBudget(BigDecimal budget) {
    this.budget = budget;
  }

  public List<SplitLine> getSplit() {
    return split;
  }

  public Integer getWarningPercent() {
    return warningPercent;
  }

  public void setWarningPercent(Integer warningPercent) {
    this.warningPercent = warningPercent;
  }

  public BigDecimal getCostPerEmail() {
    return costPerEmail;
  }

  public void setCostPerEmail(BigDecimal costPerEmail) {
    this.costPerEmail = costPerEmail;
  }

  public Long getTargetLeads() {
    return targetLeads;
  }

  public void setTargetLeads(Long targetLeads) {
    this.targetLeads = targetLeads;
  }

  public BigDecimal getTargetConversionRate() {
    return targetConversionRate;
  }

  public void setTargetConversionRate(BigDecimal targetConversionRate) {
    this.targetConversionRate = targetConversionRate;
  }

  public BigDecimal getExpectedRevenue() {
    return expectedRevenue;
  }

  public void setExpectedRevenue(BigDecimal expectedRevenue) {
    this.expectedRevenue = expectedRevenue;
  }

  public BigDecimal getTargetRoi() {
    return targetRoi;
  }

  public void setTargetRoi(BigDecimal targetRoi) {
    this.targetRoi = targetRoi;
  }

  public List<String> getLeadEventTypes() {
    return leadEventTypes;
  }

  public void setLeadEventTypes(List<String> leadEventTypes) {
    this.leadEventTypes = leadEventTypes;
  }

  public Integer getAttributionDays() {
    return attributionDays;
  }

  public void setAttributionDays(Integer attributionDays) {
    this.attributionDays = attributionDays;
  }
}
