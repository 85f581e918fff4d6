package org.erpcampaigns.campaigns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Money a campaign spent or committed, in the campaign's currency: entered by hand, or recorded by
 * an action (one entry per campaign, category and day that accumulates, e.g. the cost of the emails
 * sent that day).
 */
@Entity
@Table(name = "CM_CAMPAIGN_COST")
public class CostEntry {
  @Id
  @SequenceGenerator(name = "costSeq", sequenceName = "CM_CAMPAIGN_COST_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "costSeq")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "CAMPAIGN_ID", nullable = false)
  private Campaign campaign;

  @Column(name = "COST_DATE", nullable = false)
  private LocalDate date;

  @Enumerated(EnumType.STRING)
  @Column(name = "CATEGORY", nullable = false)
  private CostCategory category;

  @Column(name = "AMOUNT", nullable = false, precision = 18, scale = 2)
  private BigDecimal amount;

  @Column(name = "CURRENCY", nullable = false, length = 3)
  private String currency;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATE", nullable = false)
  private CostState state;

  @Column(name = "DESCRIPTION", length = 500)
  private String description;

  @Column(name = "SUPPLIER", length = 120)
  private String supplier;

  @Column(name = "WORKFLOW_STATE", length = 60)
  private String workflowState;

  @Column(name = "MESSAGES")
  private Long messages;

  @Column(name = "AUTO_DAY")
  private LocalDate autoDay;

  @Column(name = "CREATED_BY", nullable = false, length = 60)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Version private int version;

  protected CostEntry() {}

  CostEntry(
      Campaign campaign,
      LocalDate date,
      CostCategory category,
      BigDecimal amount,
      String currency,
      CostState state,
      String description,
      String supplier,
      String workflowState,
      String by,
      LocalDateTime at) {
    this.campaign = Objects.requireNonNull(campaign);
    this.createdBy = Objects.requireNonNull(by);
    this.createdAt = Objects.requireNonNull(at);
    change(date, category, amount, currency, state, description, supplier, workflowState);
  }

  /**
   * The day's entry of an action that records costs by itself (e.g. emails sent): its amount is the
   * day's count times the campaign's rate, kept up to date by that action.
   */
  public static CostEntry automatic(
      Campaign campaign,
      CostCategory category,
      LocalDate day,
      long messages,
      BigDecimal amount,
      String description,
      String by,
      LocalDateTime at) {
    CostEntry e = new CostEntry();
    e.campaign = Objects.requireNonNull(campaign);
    e.date = Objects.requireNonNull(day);
    e.autoDay = day;
    e.category = Objects.requireNonNull(category);
    e.amount = Money.amount(amount, "campaign.cost.amount");
    e.currency = campaign.getCurrency();
    e.state = CostState.SPENT;
    e.messages = messages;
    e.description = description;
    e.createdBy = Objects.requireNonNull(by);
    e.createdAt = Objects.requireNonNull(at);
    return e;
  }

  /**
   * Corrects the entry, with the same rules as a new one; returns what changed. Entries recorded by
   * an action are corrected by that action only.
   */
  public List<String> change(
      LocalDate newDate,
      CostCategory newCategory,
      BigDecimal newAmount,
      String newCurrency,
      CostState newState,
      String newDescription,
      String newSupplier,
      String newWorkflowState) {
    if (isAutomatic()) {
      throw CampaignRuleException.invalid("campaign.error.costAutomatic");
    }
    if (newDate == null) {
      throw CampaignRuleException.invalid(
          "campaign.error.required", new CampaignRuleException.Label("campaign.cost.date"));
    }
    Campaign.withinBounds(newDate, "campaign.cost.date");
    if (newCategory == null) {
      throw CampaignRuleException.invalid(
          "campaign.error.required", new CampaignRuleException.Label("campaign.cost.category"));
    }
    BigDecimal checked = Money.amount(newAmount, "campaign.cost.amount");
    String checkedCurrency = campaign.acceptedCurrency(newCurrency);
    String d = text(newDescription, "campaign.cost.description", 500);
    String s = text(newSupplier, "campaign.cost.supplier", 120);
    String w = text(newWorkflowState, "campaign.cost.workflowState", 60);
    CostState st = newState == null ? CostState.SPENT : newState;
    List<String> changes = new ArrayList<>();
    if (id != null) {
      diff(changes, "date", date, newDate);
      diff(changes, "category", category, newCategory);
      if (amount.compareTo(checked) != 0) {
        diff(changes, "amount", amount, checked);
      }
      diff(changes, "state", state, st);
      diff(changes, "description", description, d);
      diff(changes, "supplier", supplier, s);
      diff(changes, "workflowState", workflowState, w);
    }
    date = newDate;
    category = newCategory;
    amount = checked;
    currency = checkedCurrency;
    state = st;
    description = d;
    supplier = s;
    workflowState = w;
    return changes;
  }

  /** Recorded by an action (e.g. emails sent), not by a user. */
  public boolean isAutomatic() {
    return autoDay != null;
  }

  private static String text(String value, String fieldKey, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw CampaignRuleException.invalid(
          "campaign.error.tooLong", new CampaignRuleException.Label(fieldKey), max);
    }
    return v;
  }

  private static void diff(List<String> changes, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changes.add(
          field + ": " + (before == null ? "–" : before) + " → " + (after == null ? "–" : after));
    }
  }

  /** "2026-11-24 DESIGN 1200.00 EUR (SPENT) Agency X" for the audit trail. */
  public String summary() {
    return date
        + " "
        + category
        + " "
        + amount.toPlainString()
        + " "
        + currency
        + " ("
        + state
        + ")"
        + (supplier == null ? "" : " " + supplier);
  }

  public Long getId() {
    return id;
  }

  public Campaign getCampaign() {
    return campaign;
  }

  public LocalDate getDate() {
    return date;
  }

  public CostCategory getCategory() {
    return category;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public String getCurrency() {
    return currency;
  }

  public CostState getState() {
    return state;
  }

  public String getDescription() {
    return description;
  }

  public String getSupplier() {
    return supplier;
  }

  public String getWorkflowState() {
    return workflowState;
  }

  public Long getMessages() {
    return messages;
  }

  public LocalDate getAutoDay() {
    return autoDay;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public int getVersion() {
    return version;
  }
}
