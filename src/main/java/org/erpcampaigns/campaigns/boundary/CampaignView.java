package org.erpcampaigns.campaigns.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignAction;
import org.erpcampaigns.campaigns.entity.CampaignAuditEntry;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostEntry;
import org.erpcampaigns.campaigns.entity.CostState;
import org.erpcampaigns.platform.boundary.Charts;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/**
 * One campaign's page: overview with the lifecycle's valid actions, budget and costs with a chart
 * of budget against actual by category, goals with progress, and the history. Later capabilities
 * add their tabs (audience, workflow, content, monitoring) beside these.
 */
@Named
@ViewScoped
public class CampaignView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Campaigns campaigns;
  @Inject LocaleView localeView;

  private Long id;
  private Campaign campaign;
  private BudgetSummary budget;
  private CampaignKpis kpis;
  private List<CostEntry> costs;
  private List<CampaignAuditEntry> history;
  private List<Campaign> subCampaigns;
  private boolean sentMessages;
  private NewCost cost = new NewCost();

  /** The cost form: a new entry, by default spent today, in the campaign's currency. */
  public static final class NewCost implements Serializable {
    private static final long serialVersionUID = 1L;
    private LocalDate date = LocalDate.now();
    private CostCategory category = CostCategory.OTHER;
    private BigDecimal amount;
    private CostState state = CostState.SPENT;
    private String description;
    private String supplier;
    private String workflowState;

    public LocalDate getDate() {
      return date;
    }

    public void setDate(LocalDate date) {
      this.date = date;
    }

    public CostCategory getCategory() {
      return category;
    }

    public void setCategory(CostCategory category) {
      this.category = category;
    }

    public BigDecimal getAmount() {
      return amount;
    }

    public void setAmount(BigDecimal amount) {
      this.amount = amount;
    }

    public CostState getState() {
      return state;
    }

    public void setState(CostState state) {
      this.state = state;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public String getSupplier() {
      return supplier;
    }

    public void setSupplier(String supplier) {
      this.supplier = supplier;
    }

    public String getWorkflowState() {
      return workflowState;
    }

    public void setWorkflowState(String workflowState) {
      this.workflowState = workflowState;
    }
  }

  /** Loads the campaign named by ?id=; an unknown id is a clear message and a 404. */
  public void load() {
    campaign = id == null ? null : campaigns.find(id).orElse(null);
    if (campaign == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
      message(
          FacesMessage.SEVERITY_WARN,
          Messages.get(locale(), "campaign.error.unknown", id == null ? "" : id));
      return;
    }
    budget = campaigns.budget(id);
    kpis = campaigns.kpis(id);
    costs = campaigns.costs(id);
    history = campaigns.history(id);
    subCampaigns = campaigns.subCampaigns(id);
    sentMessages = campaigns.hasSentMessages(id);
  }

  public void perform(CampaignAction action) {
    try {
      campaigns.perform(id, campaign.getVersion(), action);
      message(
          FacesMessage.SEVERITY_INFO,
          Messages.get(
              locale(),
              "campaign.moved",
              Messages.get(locale(), "campaign.status." + action.target().name())));
    } catch (CampaignRuleException e) {
      message(FacesMessage.SEVERITY_ERROR, e.localised(locale()));
    } catch (EJBAccessException e) {
      message(FacesMessage.SEVERITY_ERROR, Messages.get(locale(), "error.forbidden"));
    }
    load();
  }

  public String delete() {
    try {
      campaigns.delete(id, campaign.getVersion());
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      message(
          FacesMessage.SEVERITY_INFO,
          Messages.get(locale(), "campaign.deleted", campaign.getName()));
      return "/campaigns/index?faces-redirect=true";
    } catch (CampaignRuleException e) {
      message(FacesMessage.SEVERITY_ERROR, e.localised(locale()));
    } catch (EJBAccessException e) {
      message(FacesMessage.SEVERITY_ERROR, Messages.get(locale(), "error.forbidden"));
    }
    load();
    return null;
  }

  /** Records the cost of the form; tells when the budget's warning threshold or total is passed. */
  public void addCost() {
    try {
      campaigns.addCost(
          id,
          new CostInput(
              cost.date,
              cost.category,
              cost.amount,
              null,
              cost.state,
              cost.description,
              cost.supplier,
              cost.workflowState));
      load();
      message(
          FacesMessage.SEVERITY_INFO,
          Messages.get(locale(), "campaign.cost.added", money(cost.amount)));
      BudgetSummary.State state = budget.total().state();
      if (state == BudgetSummary.State.WARNING) {
        message(
            FacesMessage.SEVERITY_WARN,
            Messages.get(
                locale(),
                "campaign.budget.warningReached",
                percent(budget.total().percentUsed()),
                budget.warningPercent()));
      } else if (state == BudgetSummary.State.EXCEEDED) {
        message(
            FacesMessage.SEVERITY_ERROR,
            Messages.get(
                locale(),
                "campaign.budget.exceededBy",
                money(budget.total().getRemaining().negate())));
      }
      cost = new NewCost();
    } catch (CampaignRuleException e) {
      message(FacesMessage.SEVERITY_ERROR, e.localised(locale()));
    } catch (EJBAccessException e) {
      message(FacesMessage.SEVERITY_ERROR, Messages.get(locale(), "error.forbidden"));
    }
  }

  public void removeCost(CostEntry entry) {
    try {
      campaigns.removeCost(id, entry.getId(), entry.getVersion());
      message(FacesMessage.SEVERITY_INFO, Messages.get(locale(), "campaign.cost.removed"));
    } catch (CampaignRuleException e) {
      message(FacesMessage.SEVERITY_ERROR, e.localised(locale()));
    } catch (EJBAccessException e) {
      message(FacesMessage.SEVERITY_ERROR, Messages.get(locale(), "error.forbidden"));
    }
    load();
  }

  /**
   * The Chart.js configuration of the budget chart: per category the budget beside the actual
   * costs, committed and spent stacked.
   */
  public String getChart() {
    if (budget == null) {
      return "{}";
    }
    Locale l = locale();
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder planned = Json.createArrayBuilder();
    JsonArrayBuilder committed = Json.createArrayBuilder();
    JsonArrayBuilder spent = Json.createArrayBuilder();
    for (BudgetSummary.Line line : budget.categories()) {
      labels.add(Messages.get(l, "campaign.costCategory." + line.category().name()));
      planned.add(line.budget() == null ? BigDecimal.ZERO : line.budget());
      committed.add(line.committed());
      spent.add(line.spent());
    }
    labels.add(Messages.get(l, "campaign.budget.total"));
    planned.add(budget.total().budget());
    committed.add(budget.total().committed());
    spent.add(budget.total().spent());
    JsonObjectBuilder data =
        Json.createObjectBuilder()
            .add("labels", labels)
            .add(
                "datasets",
                Json.createArrayBuilder()
                    .add(
                        dataset(
                            Messages.get(l, "campaign.budget.budget"),
                            planned,
                            "#1f4e79",
                            "budget"))
                    .add(
                        dataset(
                            Messages.get(l, "campaign.costState.COMMITTED"),
                            committed,
                            "#f59e0b",
                            "actual"))
                    .add(
                        dataset(
                            Messages.get(l, "campaign.costState.SPENT"),
                            spent,
                            "#b91c1c",
                            "actual")));
    return Charts.config(
        "bar",
        data,
        Messages.get(l, "campaign.budget.chartTitle", budget.currency()),
        Json.createObjectBuilder()
            .add("x", Json.createObjectBuilder().add("stacked", true))
            .add("y", Json.createObjectBuilder().add("stacked", true).add("beginAtZero", true)));
  }

  private static JsonObjectBuilder dataset(
      String label, JsonArrayBuilder values, String colour, String stack) {
    return Json.createObjectBuilder()
        .add("label", label)
        .add("data", values)
        .add("backgroundColor", colour)
        .add("stack", stack);
  }

  public String money(BigDecimal amount) {
    return CampaignFormats.money(
        amount, campaign == null ? null : campaign.getCurrency(), locale());
  }

  /**
   * The cost categories over their own budget (or at its warning threshold), as sentences for the
   * header's notice: "Printing: 113 % of its budget is used (1,700.00 € of 1,500.00 €)". The total
   * can be within budget while one category is not.
   */
  public java.util.List<String> getCategoryAlerts() {
    if (budget == null) {
      return java.util.List.of();
    }
    return budget.categoryAlerts().stream()
        .map(
            line ->
                Messages.get(
                    locale(),
                    "campaign.budget.categoryAlert." + line.state().name(),
                    Messages.get(locale(), "campaign.costCategory." + line.category().name()),
                    percent(line.percentUsed()),
                    money(line.actual()),
                    money(line.budget())))
        .toList();
  }

  public String percent(BigDecimal value) {
    return CampaignFormats.percent(value, locale());
  }

  /** A KPI's figure: a count, money, or a percentage. */
  public String figure(CampaignKpis.Kpi kpi, BigDecimal value) {
    return CampaignFormats.figure(
        kpi, value, campaign == null ? null : campaign.getCurrency(), locale());
  }

  /** How a KPI is computed, with the campaign's own settings filled in. */
  public String how(CampaignKpis.Kpi kpi) {
    return Messages.get(
        locale(),
        "campaign.kpi." + kpi.name() + ".how",
        String.join(", ", campaign.getLeadEvents()),
        campaign.getAttributionDays(),
        campaign.getCurrency());
  }

  private Locale locale() {
    return localeView.getLocale();
  }

  private static void message(FacesMessage.Severity severity, String text) {
    Feedback.add(severity, text);
  }

  public List<CostCategory> getCategories() {
    return List.of(CostCategory.values());
  }

  public List<CostState> getCostStates() {
    return List.of(CostState.values());
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public Campaign getCampaign() {
    return campaign;
  }

  public BudgetSummary getBudget() {
    return budget;
  }

  public CampaignKpis getKpis() {
    return kpis;
  }

  public List<CostEntry> getCosts() {
    return costs;
  }

  public List<CampaignAuditEntry> getHistory() {
    return history;
  }

  public List<Campaign> getSubCampaigns() {
    return subCampaigns;
  }

  public boolean isSentMessages() {
    return sentMessages;
  }

  public NewCost getCost() {
    return cost;
  }
}
