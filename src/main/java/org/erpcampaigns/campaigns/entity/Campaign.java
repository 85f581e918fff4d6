package org.erpcampaigns.campaigns.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.erpcampaigns.platform.control.Bounds;

/**
 * A marketing campaign: what it is, for whom, for how much money, what it must achieve, and where
 * it is in its lifecycle. It guards its own rules: only the lifecycle's moves, no end before the
 * start, no negative money, a budget split that fits the total, costs only in its own currency.
 */
@Entity
@Table(name = "CM_CAMPAIGN")
public class Campaign {
  public static final int DEFAULT_WARNING_PERCENT = 80;
  public static final int DEFAULT_ATTRIBUTION_DAYS = 30;
  public static final Set<String> DEFAULT_LEAD_EVENTS = Set.of("CLICKED", "REPLIED");

  /** The engagement event types (CM_EVENT.TYPE) a campaign may count as making a lead. */
  public static final List<String> EVENT_TYPES =
      List.of(
          "SENT",
          "DELIVERED",
          "OPENED",
          "CLICKED",
          "UNSUBSCRIBED",
          "BOUNCED",
          "REPLIED",
          "COMPLAINED");

  @Id
  @SequenceGenerator(name = "campaignSeq", sequenceName = "CM_CAMPAIGN_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "campaignSeq")
  private Long id;

  @Column(name = "NAME", nullable = false, length = 120)
  private String name;

  @Column(name = "DESCRIPTION", length = 2000)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "CAMPAIGN_TYPE", nullable = false)
  private CampaignType type;

  @Enumerated(EnumType.STRING)
  @Column(name = "AUDIENCE", nullable = false)
  private AudienceKind audience;

  @Column(name = "OWNER", nullable = false, length = 60)
  private String owner;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "PARENT_ID")
  private Campaign parent;

  @Column(name = "PLANNED_START")
  private LocalDate plannedStart;

  @Column(name = "PLANNED_END")
  private LocalDate plannedEnd;

  @Column(name = "CURRENCY", nullable = false, length = 3)
  private String currency;

  @Column(name = "TIME_ZONE", nullable = false, length = 60)
  private String timeZone;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false)
  private CampaignStatus status = CampaignStatus.PLANNED;

  @Column(name = "BUDGET", nullable = false, precision = 18, scale = 2)
  private BigDecimal budget = BigDecimal.ZERO.setScale(2);

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "CM_CAMPAIGN_BUDGET", joinColumns = @JoinColumn(name = "CAMPAIGN_ID"))
  @MapKeyEnumerated(EnumType.STRING)
  @MapKeyColumn(name = "CATEGORY")
  @Column(name = "AMOUNT", precision = 18, scale = 2)
  private Map<CostCategory, BigDecimal> budgetByCategory = new EnumMap<>(CostCategory.class);

  @Column(name = "WARNING_PERCENT", nullable = false)
  private int warningPercent = DEFAULT_WARNING_PERCENT;

  @Column(name = "COST_PER_EMAIL", precision = 18, scale = 4)
  private BigDecimal costPerEmail;

  @Embedded private CampaignGoals goals = CampaignGoals.none();

  @Column(name = "LEAD_EVENT_TYPES", nullable = false, length = 200)
  private String leadEventTypes = "CLICKED,REPLIED";

  @Column(name = "ATTRIBUTION_DAYS", nullable = false)
  private int attributionDays = DEFAULT_ATTRIBUTION_DAYS;

  @Column(name = "CREATED_BY", nullable = false, length = 60)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "UPDATED_BY", length = 60)
  private String updatedBy;

  @Column(name = "UPDATED_AT")
  private LocalDateTime updatedAt;

  @Version private int version;

  protected Campaign() {}

  /** A new campaign in status planned; the parent must have been checked by the caller. */
  public Campaign(CampaignPlan plan, Campaign parent, String by, LocalDateTime at) {
    this.createdBy = Objects.requireNonNull(by);
    this.createdAt = Objects.requireNonNull(at);
    plan(plan, parent);
  }

  /**
   * Takes the plan over, after checking all of it (nothing changes when a part is wrong). Returns
   * what changed, for the audit trail ("budget: 1000.00 → 1500.00").
   */
  public List<String> plan(CampaignPlan p, Campaign newParent) {
    Plan checked = checked(p, newParent);
    List<String> changes = changes(checked);
    take(checked);
    return changes;
  }

  /** A plan once checked: the values the campaign takes. */
  private record Plan(
      String name,
      String description,
      CampaignType type,
      AudienceKind audience,
      String owner,
      Campaign parent,
      LocalDate plannedStart,
      LocalDate plannedEnd,
      String currency,
      String timeZone,
      BigDecimal budget,
      Map<CostCategory, BigDecimal> budgetByCategory,
      int warningPercent,
      BigDecimal costPerEmail,
      CampaignGoals goals,
      String leadEventTypes,
      int attributionDays) {}

  /** Checks every part of the plan, in the order the form shows them. */
  private Plan checked(CampaignPlan p, Campaign newParent) {
    String newName = required(p.name(), "campaign.name", 120);
    String newDescription = optional(p.description(), "campaign.description", 2000);
    if (p.type() == null) {
      throw CampaignRuleException.invalid("campaign.error.required", label("campaign.type"));
    }
    if (p.audience() == null) {
      throw CampaignRuleException.invalid("campaign.error.required", label("campaign.audience"));
    }
    String newOwner = required(p.owner(), "campaign.owner", 60);
    if (p.plannedStart() != null) {
      withinBounds(p.plannedStart(), "campaign.plannedStart");
    }
    if (p.plannedEnd() != null) {
      withinBounds(p.plannedEnd(), "campaign.plannedEnd");
    }
    if (p.plannedStart() != null
        && p.plannedEnd() != null
        && p.plannedEnd().isBefore(p.plannedStart())) {
      throw CampaignRuleException.invalid("campaign.error.endBeforeStart");
    }
    String newCurrency = Money.currency(p.currency());
    String newZone = zone(p.timeZone());
    BigDecimal newBudget =
        p.budget() == null
            ? BigDecimal.ZERO.setScale(2)
            : Money.amount(p.budget(), "campaign.budget");
    Map<CostCategory, BigDecimal> split = budgetSplit(p.budgetByCategory(), newBudget);
    int newWarning = p.warningPercent() == null ? DEFAULT_WARNING_PERCENT : p.warningPercent();
    if (newWarning < 1 || newWarning > 100) {
      throw CampaignRuleException.invalid("campaign.error.warningPercent");
    }
    BigDecimal newCostPerEmail =
        Money.scaled(p.costPerEmail(), 4, "campaign.costPerEmail", false, true);
    CampaignGoals newGoals =
        new CampaignGoals(
            p.targetLeads(), p.targetConversionRate(), p.expectedRevenue(), p.targetRoi());
    String newLeadEvents = leadEvents(p.leadEventTypes());
    int newDays = p.attributionDays() == null ? DEFAULT_ATTRIBUTION_DAYS : p.attributionDays();
    if (newDays < 1 || newDays > 365) {
      throw CampaignRuleException.invalid("campaign.error.attributionDays");
    }
    checkParent(newParent, newCurrency);
    return new Plan(
        newName,
        newDescription,
        p.type(),
        p.audience(),
        newOwner,
        newParent,
        p.plannedStart(),
        p.plannedEnd(),
        newCurrency,
        newZone,
        newBudget,
        split,
        newWarning,
        newCostPerEmail,
        newGoals,
        newLeadEvents,
        newDays);
  }

  /** The budget's split by category (amounts above zero), which may not exceed the budget. */
  private static Map<CostCategory, BigDecimal> budgetSplit(
      Map<CostCategory, BigDecimal> byCategory, BigDecimal budget) {
    Map<CostCategory, BigDecimal> split = new EnumMap<>(CostCategory.class);
    if (byCategory != null) {
      for (Map.Entry<CostCategory, BigDecimal> e : byCategory.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          BigDecimal amount = Money.amount(e.getValue(), "campaign.budget");
          if (amount.signum() > 0) {
            split.put(e.getKey(), amount);
          }
        }
      }
    }
    BigDecimal splitTotal = split.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (splitTotal.compareTo(budget) > 0) {
      throw CampaignRuleException.invalid("campaign.error.splitExceedsBudget", splitTotal, budget);
    }
    return split;
  }

  /** A parent is another campaign, in the same currency. */
  private void checkParent(Campaign newParent, String newCurrency) {
    if (newParent == null) {
      return;
    }
    if (newParent == this || Objects.equals(newParent.getId(), id) && id != null) {
      throw CampaignRuleException.invalid("campaign.error.parentSelf");
    }
    if (!newParent.getCurrency().equals(newCurrency)) {
      throw CampaignRuleException.invalid(
          "campaign.error.parentCurrency", newParent.getCurrency(), newCurrency);
    }
  }

  /** What the plan changes, for the audit trail. */
  private List<String> changes(Plan n) {
    CampaignGoals oldGoals = getGoals();
    CampaignGoals newGoals = n.goals();
    List<String> changes = new ArrayList<>();
    change(changes, "name", name, n.name());
    change(changes, "description", description, n.description());
    change(changes, "type", type, n.type());
    change(changes, "audience", audience, n.audience());
    change(changes, "owner", owner, n.owner());
    change(
        changes,
        "parent",
        parent == null ? null : parent.getId(),
        n.parent() == null ? null : n.parent().getId());
    change(changes, "plannedStart", plannedStart, n.plannedStart());
    change(changes, "plannedEnd", plannedEnd, n.plannedEnd());
    change(changes, "currency", currency, n.currency());
    change(changes, "timeZone", timeZone, n.timeZone());
    change(changes, "budget", budget, n.budget());
    change(changes, "budgetByCategory", budgetByCategory, n.budgetByCategory());
    change(changes, "warningPercent", warningPercent, n.warningPercent());
    change(changes, "costPerEmail", costPerEmail, n.costPerEmail());
    change(changes, "targetLeads", oldGoals.getLeads(), newGoals.getLeads());
    change(
        changes,
        "targetConversionRate",
        oldGoals.getConversionRate(),
        newGoals.getConversionRate());
    change(changes, "expectedRevenue", oldGoals.getRevenue(), newGoals.getRevenue());
    change(changes, "targetRoi", oldGoals.getRoi(), newGoals.getRoi());
    change(changes, "leadEventTypes", leadEventTypes, n.leadEventTypes());
    change(changes, "attributionDays", attributionDays, n.attributionDays());
    return changes;
  }

  private void take(Plan n) {
    name = n.name();
    description = n.description();
    type = n.type();
    audience = n.audience();
    owner = n.owner();
    parent = n.parent();
    plannedStart = n.plannedStart();
    plannedEnd = n.plannedEnd();
    currency = n.currency();
    timeZone = n.timeZone();
    budget = n.budget();
    budgetByCategory.clear();
    budgetByCategory.putAll(n.budgetByCategory());
    warningPercent = n.warningPercent();
    costPerEmail = n.costPerEmail();
    goals = n.goals();
    leadEventTypes = n.leadEventTypes();
    attributionDays = n.attributionDays();
  }

  /** Records who changed the campaign last. */
  public void touched(String by, LocalDateTime at) {
    this.updatedBy = Objects.requireNonNull(by);
    this.updatedAt = Objects.requireNonNull(at);
  }

  /**
   * Moves the campaign through its lifecycle, or refuses a move that the lifecycle does not have.
   */
  public CampaignStatus perform(CampaignAction action) {
    Objects.requireNonNull(action);
    if (!action.isAllowedFrom(status)) {
      throw CampaignRuleException.invalid(
          "campaign.error.move",
          label("campaign.action." + action.name()),
          label("campaign.status." + status.name()));
    }
    CampaignStatus before = status;
    status = action.target();
    return before;
  }

  /** The actions the lifecycle allows now. */
  public List<CampaignAction> getAllowedActions() {
    return CampaignAction.allowedFrom(status);
  }

  /**
   * A cost entered by hand. Refuses negative amounts, more than two decimals, and any currency but
   * the campaign's: erp-campaigns holds no exchange rates, so a cost in another currency must be
   * converted by the user (at the rate of their accounting) before it is entered.
   */
  public CostEntry recordCost(
      LocalDate date,
      CostCategory category,
      BigDecimal amount,
      String costCurrency,
      CostState state,
      String description,
      String supplier,
      String workflowState,
      String by,
      LocalDateTime at) {
    return new CostEntry(
        this,
        date,
        category,
        amount,
        costCurrency,
        state,
        description,
        supplier,
        workflowState,
        by,
        at);
  }

  /** Checks that a cost's currency is the campaign's (see {@link #recordCost}). */
  String acceptedCurrency(String costCurrency) {
    String code = costCurrency == null || costCurrency.isBlank() ? currency : costCurrency;
    String checked = Money.currency(code);
    if (!checked.equals(currency)) {
      throw CampaignRuleException.invalid("campaign.error.costCurrency", checked, currency);
    }
    return checked;
  }

  public ZoneId getZoneId() {
    return ZoneId.of(timeZone);
  }

  /** The lead event types in their canonical order. */
  public List<String> getLeadEvents() {
    return Arrays.stream(leadEventTypes.split(",")).map(String::strip).toList();
  }

  private static String leadEvents(Set<String> types) {
    if (types == null || types.isEmpty()) {
      return EVENT_TYPES.stream()
          .filter(DEFAULT_LEAD_EVENTS::contains)
          .collect(Collectors.joining(","));
    }
    Set<String> upper = new TreeSet<>();
    for (String t : types) {
      String u = t == null ? "" : t.strip().toUpperCase(Locale.ROOT);
      if (!EVENT_TYPES.contains(u)) {
        throw CampaignRuleException.invalid("campaign.error.leadEvent", t);
      }
      upper.add(u);
    }
    Set<String> ordered = new LinkedHashSet<>();
    EVENT_TYPES.stream().filter(upper::contains).forEach(ordered::add);
    return String.join(",", ordered);
  }

  private static String zone(String id) {
    if (id == null || id.isBlank()) {
      return ZoneId.systemDefault().getId();
    }
    try {
      return ZoneId.of(id.strip()).getId();
    } catch (DateTimeException e) {
      throw CampaignRuleException.invalid("campaign.error.timeZone", id.strip());
    }
  }

  private static String required(String value, String fieldKey, int max) {
    if (value == null || value.isBlank()) {
      throw CampaignRuleException.invalid("campaign.error.required", label(fieldKey));
    }
    return optional(value, fieldKey, max);
  }

  private static String optional(String value, String fieldKey, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw CampaignRuleException.invalid("campaign.error.tooLong", label(fieldKey), max);
    }
    return v;
  }

  private static void change(List<String> changes, String field, Object before, Object after) {
    boolean same =
        before instanceof BigDecimal b && after instanceof BigDecimal a
            ? b.compareTo(a) == 0
            : Objects.equals(before, after);
    if (!same) {
      changes.add(
          field + ": " + (before == null ? "–" : before) + " → " + (after == null ? "–" : after));
    }
  }

  /** The date if it lies within {@link Bounds}, else a refusal that names the field and range. */
  public static LocalDate withinBounds(LocalDate date, String fieldKey) {
    if (!Bounds.within(date)) {
      throw CampaignRuleException.invalid(
          "campaign.error.dateRange",
          label(fieldKey),
          date.toString(),
          Bounds.FIRST_DATE.toString(),
          Bounds.LAST_DATE.toString());
    }
    return date;
  }

  private static CampaignRuleException.Label label(String key) {
    return new CampaignRuleException.Label(key);
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public CampaignType getType() {
    return type;
  }

  public AudienceKind getAudience() {
    return audience;
  }

  public String getOwner() {
    return owner;
  }

  public Campaign getParent() {
    return parent;
  }

  public LocalDate getPlannedStart() {
    return plannedStart;
  }

  public LocalDate getPlannedEnd() {
    return plannedEnd;
  }

  public String getCurrency() {
    return currency;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public CampaignStatus getStatus() {
    return status;
  }

  public BigDecimal getBudget() {
    return budget;
  }

  public Map<CostCategory, BigDecimal> getBudgetByCategory() {
    return Collections.unmodifiableMap(budgetByCategory);
  }

  public int getWarningPercent() {
    return warningPercent;
  }

  public BigDecimal getCostPerEmail() {
    return costPerEmail;
  }

  /** The goals (EclipseLink leaves the embeddable null when all its columns are). */
  public CampaignGoals getGoals() {
    return goals == null ? CampaignGoals.none() : goals;
  }

  public String getLeadEventTypes() {
    return leadEventTypes;
  }

  public int getAttributionDays() {
    return attributionDays;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }

  public int getVersion() {
    return version;
  }
}
