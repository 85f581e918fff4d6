package org.erpcampaigns.campaigns.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.erpcampaigns.campaigns.control.Attribution;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignFilter;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.campaigns.control.CampaignQuery;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignAction;
import org.erpcampaigns.campaigns.entity.CampaignAuditEntry;
import org.erpcampaigns.campaigns.entity.CampaignPlan;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.campaigns.entity.CampaignStatus;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostEntry;
import org.erpcampaigns.campaigns.entity.CostState;
import org.erpcampaigns.contacts.control.MappedViews;

/**
 * Campaigns for the rest of erp-campaigns: plan, move through the lifecycle, record costs, and
 * judge them against budget and goals. Every change is written to the campaign's audit trail.
 * Reading is open to every role; changing is for marketers and admins. {@link #find}, {@link
 * #timeZone} and {@link #recordMessagesSent} serve other capabilities (timers included) and need no
 * role.
 */
@Stateless
@RolesAllowed({"campaign-admin", "marketer", "analyst"})
public class Campaigns {
  private static final Logger LOG = Logger.getLogger(Campaigns.class.getName());
  static final String SYSTEM_USER = "system";

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;

  // ---- for other capabilities -------------------------------------------------------------

  /** The campaign with this id, if there is one. */
  @PermitAll
  public Optional<Campaign> find(long id) {
    return Optional.ofNullable(em.find(Campaign.class, id));
  }

  /** The time zone the campaign's schedules are in (e.g. scheduled sends). */
  @PermitAll
  public Optional<ZoneId> timeZone(long campaignId) {
    return find(campaignId).map(Campaign::getZoneId);
  }

  /**
   * Adds the cost of emails sent when the campaign has a cost per email: one EMAIL_DELIVERY entry
   * per campaign and day (in the campaign's time zone) whose message count grows and whose amount
   * is that count times the current rate, rounded to cents. Safe when several threads or instances
   * call it at once: the day's row is updated in place, and only its creation is serialised by a
   * lock on the campaign row. Runs in the caller's transaction.
   */
  @PermitAll
  public void recordMessagesSent(long campaignId, long messages) {
    if (messages <= 0) {
      return;
    }
    Campaign campaign = em.find(Campaign.class, campaignId);
    if (campaign == null) {
      LOG.warning(() -> "event=cost-per-email-skipped reason=unknown-campaign id=" + campaignId);
      return;
    }
    BigDecimal rate = campaign.getCostPerEmail();
    if (rate == null || rate.signum() == 0) {
      return;
    }
    LocalDate day = LocalDate.now(campaign.getZoneId());
    if (addToDay(campaignId, day, messages, rate) == 1) {
      return;
    }
    // the day's row does not exist yet: creators take turns on the campaign row
    em.lock(campaign, LockModeType.PESSIMISTIC_WRITE);
    if (addToDay(campaignId, day, messages, rate) == 1) {
      return;
    }
    BigDecimal amount =
        rate.multiply(BigDecimal.valueOf(messages)).setScale(2, RoundingMode.HALF_UP);
    CostEntry entry =
        CostEntry.automatic(
            campaign,
            CostCategory.EMAIL_DELIVERY,
            day,
            messages,
            amount,
            "Emails sent × " + rate.stripTrailingZeros().toPlainString(),
            SYSTEM_USER,
            now());
    em.persist(entry);
    em.flush();
    audit(campaignId, CampaignAuditEntry.Action.COST_ADDED, entry.summary(), SYSTEM_USER);
  }

  private int addToDay(long campaignId, LocalDate day, long messages, BigDecimal rate) {
    return em.createNativeQuery(
            "UPDATE CM_CAMPAIGN_COST SET MESSAGES = MESSAGES + ?,"
                + " AMOUNT = ROUND(CAST(MESSAGES + ? AS NUMERIC(18, 0)) * CAST(? AS NUMERIC(18, 4)), 2),"
                + " VERSION = VERSION + 1"
                + " WHERE CAMPAIGN_ID = ? AND CATEGORY = 'EMAIL_DELIVERY' AND AUTO_DAY = ?")
        .setParameter(1, messages)
        .setParameter(2, messages)
        .setParameter(3, rate)
        .setParameter(4, campaignId)
        .setParameter(5, day)
        .executeUpdate();
  }

  // ---- reading ---------------------------------------------------------------------------

  public Campaign get(long id) {
    return find(id)
        .orElseThrow(
            () ->
                new CampaignRuleException(
                    CampaignRuleException.Kind.NOT_FOUND, "campaign.error.unknown", id));
  }

  public long count(CampaignFilter filter) {
    return new CampaignQuery(em).count(filter);
  }

  public List<CampaignQuery.Row> search(
      CampaignFilter filter, CampaignQuery.Sort sort, boolean ascending, int first, int size) {
    return new CampaignQuery(em).page(filter, sort, ascending, first, size);
  }

  public List<CampaignQuery.CurrencyTotal> totals(CampaignFilter filter) {
    return new CampaignQuery(em).totals(filter);
  }

  public List<String> owners() {
    return new CampaignQuery(em).owners();
  }

  /**
   * Campaigns whose name contains the text (any case; all when blank), by name, at most {@code
   * max}: what campaign pickers on other pages offer.
   */
  public List<Campaign> named(String text, int max) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    String pattern = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return em.createQuery(
            "SELECT c FROM Campaign c WHERE LOWER(c.name) LIKE :p ESCAPE '\\'"
                + " ORDER BY c.name, c.id",
            Campaign.class)
        .setParameter("p", pattern)
        .setMaxResults(max)
        .getResultList();
  }

  /** The direct sub-campaigns. */
  public List<Campaign> subCampaigns(long id) {
    return em.createQuery(
            "SELECT c FROM Campaign c WHERE c.parent.id = :id ORDER BY c.name", Campaign.class)
        .setParameter("id", id)
        .getResultList();
  }

  /** Campaigns that may become the parent of this one (all but itself and its descendants). */
  public List<Campaign> parentCandidates(Long id) {
    Set<Long> excluded = id == null ? Set.of() : tree(id);
    return em
        .createQuery("SELECT c FROM Campaign c ORDER BY c.name", Campaign.class)
        .getResultList()
        .stream()
        .filter(c -> !excluded.contains(c.getId()))
        .toList();
  }

  /** The campaign and all its descendants. */
  Set<Long> tree(long id) {
    Set<Long> ids = new LinkedHashSet<>();
    ids.add(id);
    List<Long> level = List.of(id);
    while (!level.isEmpty()) {
      level =
          em
              .createQuery("SELECT c.id FROM Campaign c WHERE c.parent.id IN :ids", Long.class)
              .setParameter("ids", level)
              .getResultList()
              .stream()
              .filter(ids::add)
              .toList();
    }
    return ids;
  }

  public List<CostEntry> costs(long campaignId) {
    get(campaignId);
    return em.createQuery(
            "SELECT k FROM CostEntry k WHERE k.campaign.id = :id ORDER BY k.date DESC, k.id DESC",
            CostEntry.class)
        .setParameter("id", campaignId)
        .getResultList();
  }

  public List<CampaignAuditEntry> history(long campaignId) {
    return em.createQuery(
            "SELECT a FROM CampaignAuditEntry a WHERE a.campaignId = :id"
                + " ORDER BY a.changedAt DESC, a.id DESC",
            CampaignAuditEntry.class)
        .setParameter("id", campaignId)
        .setMaxResults(500)
        .getResultList();
  }

  /**
   * Actual against budget for the campaign and its sub-campaigns (budgets and costs roll up), per
   * category and in total, with the campaign's warning threshold.
   */
  public BudgetSummary budget(long id) {
    Campaign campaign = get(id);
    Set<Long> ids = tree(id);
    Map<CostCategory, BigDecimal> split = new EnumMap<>(CostCategory.class);
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (Campaign c :
        em.createQuery("SELECT c FROM Campaign c WHERE c.id IN :ids", Campaign.class)
            .setParameter("ids", ids)
            .getResultList()) {
      total = total.add(c.getBudget());
      c.getBudgetByCategory().forEach((k, v) -> split.merge(k, v, BigDecimal::add));
    }
    Map<CostCategory, Map<CostState, BigDecimal>> costs = BudgetSummary.emptyCosts();
    for (Object[] r :
        em.createQuery(
                "SELECT k.category, k.state, SUM(k.amount) FROM CostEntry k"
                    + " WHERE k.campaign.id IN :ids GROUP BY k.category, k.state",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList()) {
      costs
          .computeIfAbsent((CostCategory) r[0], k -> new EnumMap<>(CostState.class))
          .put((CostState) r[1], new BigDecimal(r[2].toString()).setScale(2, RoundingMode.HALF_UP));
    }
    return BudgetSummary.of(
        campaign.getCurrency(), total, split, campaign.getWarningPercent(), costs);
  }

  /** Goals against actuals, for the campaign and its sub-campaigns. */
  public CampaignKpis kpis(long id) {
    Campaign campaign = get(id);
    Set<Long> ids = tree(id);
    Attribution attribution = new Attribution(em, orderView());
    Attribution.Orders orders =
        attribution.orders(ids, campaign.getCurrency(), campaign.getAttributionDays());
    return CampaignKpis.of(
        campaign.getCurrency(),
        campaign.getGoals(),
        attribution.leads(ids, campaign.getLeadEvents()),
        attribution.reached(ids),
        orders.conversions(),
        orders.revenue(),
        budget(id).total().actual(),
        orders.inOtherCurrencies(),
        campaign.getAttributionDays());
  }

  /** Whether the campaign has sent messages (then it can only be cancelled, not deleted). */
  public boolean hasSentMessages(long id) {
    return new Attribution(em, orderView()).hasSentMessages(id);
  }

  /** The order view of the configured contact mapping. */
  String orderView() {
    return MappedViews.orders(em);
  }

  // ---- changing --------------------------------------------------------------------------

  @RolesAllowed({"campaign-admin", "marketer"})
  public Campaign create(CampaignPlan plan) {
    String by = caller();
    CampaignPlan withOwner =
        plan.owner() == null || plan.owner().isBlank() ? owned(plan, by) : plan;
    Campaign campaign = new Campaign(withOwner, parent(withOwner.parentId(), null), by, now());
    em.persist(campaign);
    em.flush();
    audit(campaign.getId(), CampaignAuditEntry.Action.CREATED, campaign.getName(), by);
    LOG.info(() -> "event=campaign-created id=" + campaign.getId() + " by=" + by);
    return campaign;
  }

  /**
   * Changes the plan. {@code version} is the version the user edited: when someone else saved in
   * between, nothing is changed and the user is told.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public Campaign update(long id, Integer version, CampaignPlan plan) {
    Campaign campaign = current(id, version);
    String by = caller();
    CampaignPlan withOwner =
        plan.owner() == null || plan.owner().isBlank() ? owned(plan, campaign.getOwner()) : plan;
    String currency = withOwner.currency() == null ? "" : withOwner.currency().strip();
    if (!currency.equalsIgnoreCase(campaign.getCurrency())) {
      if (!costs(id).isEmpty()) {
        throw CampaignRuleException.invalid("campaign.error.currencyWithCosts");
      }
      if (!subCampaigns(id).isEmpty()) {
        throw CampaignRuleException.invalid("campaign.error.currencyWithChildren");
      }
    }
    BigDecimal budgetBefore = campaign.getBudget();
    Map<CostCategory, BigDecimal> splitBefore = Map.copyOf(campaign.getBudgetByCategory());
    List<String> changes = campaign.plan(withOwner, parent(withOwner.parentId(), id));
    if (changes.isEmpty()) {
      return campaign;
    }
    campaign.touched(by, now());
    flush();
    boolean budgetChanged =
        budgetBefore.compareTo(campaign.getBudget()) != 0
            || !splitBefore.equals(campaign.getBudgetByCategory());
    List<String> budgetChanges = changes.stream().filter(c -> c.startsWith("budget")).toList();
    List<String> otherChanges = new ArrayList<>(changes);
    otherChanges.removeAll(budgetChanges);
    if (budgetChanged) {
      audit(id, CampaignAuditEntry.Action.BUDGET, String.join("; ", budgetChanges), by);
    }
    if (!otherChanges.isEmpty()) {
      audit(id, CampaignAuditEntry.Action.UPDATED, String.join("; ", otherChanges), by);
    }
    return campaign;
  }

  /** Moves the campaign through its lifecycle (the entity refuses moves it does not have). */
  @RolesAllowed({"campaign-admin", "marketer"})
  public Campaign perform(long id, Integer version, CampaignAction action) {
    Campaign campaign = current(id, version);
    String by = caller();
    CampaignStatus before = campaign.perform(action);
    campaign.touched(by, now());
    flush();
    audit(
        id,
        CampaignAuditEntry.Action.STATUS,
        before + " → " + campaign.getStatus() + " (" + action + ")",
        by);
    LOG.info(() -> "event=campaign-" + action.name().toLowerCase() + " id=" + id + " by=" + by);
    return campaign;
  }

  /**
   * Deletes a campaign that has not sent anything and has no sub-campaigns and no workflow, with
   * its budget and costs; its audit trail stays. A campaign that has sent messages or has a
   * workflow can only be cancelled.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public void delete(long id, Integer version) {
    Campaign campaign = current(id, version);
    if (hasSentMessages(id)) {
      throw CampaignRuleException.invalid("campaign.error.deleteSent");
    }
    if (!subCampaigns(id).isEmpty()) {
      throw CampaignRuleException.invalid("campaign.error.deleteWithChildren");
    }
    List<?> workflows =
        em.createNativeQuery("SELECT NAME FROM CM_WORKFLOW WHERE CAMPAIGN_ID = ? ORDER BY ID")
            .setParameter(1, id)
            .setMaxResults(1)
            .getResultList();
    if (!workflows.isEmpty()) {
      // the workflow's versions, positions and timeline belong to the campaign's history
      throw CampaignRuleException.invalid("campaign.error.deleteWithWorkflow", workflows.get(0));
    }
    em.createQuery("DELETE FROM CostEntry k WHERE k.campaign.id = :id")
        .setParameter("id", id)
        .executeUpdate();
    String name = campaign.getName();
    em.remove(campaign);
    flush();
    String by = caller();
    audit(id, CampaignAuditEntry.Action.DELETED, name, by);
    LOG.info(() -> "event=campaign-deleted id=" + id + " by=" + by);
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public CostEntry addCost(long campaignId, CostInput input) {
    Campaign campaign = get(campaignId);
    String by = caller();
    CostEntry entry =
        campaign.recordCost(
            input.date(),
            input.category(),
            input.amount(),
            input.currency(),
            input.state(),
            input.description(),
            input.supplier(),
            input.workflowState(),
            by,
            now());
    em.persist(entry);
    flush();
    audit(campaignId, CampaignAuditEntry.Action.COST_ADDED, entry.summary(), by);
    return entry;
  }

  /**
   * A cost that a workflow's step records (category OTHER, spent today in the campaign's zone), in
   * the caller's transaction. Called by the workflow engine, which runs without a caller.
   */
  @PermitAll
  public void recordWorkflowCost(
      long campaignId, BigDecimal amount, String description, String by) {
    Campaign campaign = get(campaignId);
    CostEntry entry =
        campaign.recordCost(
            LocalDate.now(campaign.getZoneId()),
            CostCategory.OTHER,
            amount,
            campaign.getCurrency(),
            CostState.SPENT,
            description,
            null,
            null,
            by,
            now());
    em.persist(entry);
    audit(campaignId, CampaignAuditEntry.Action.COST_ADDED, entry.summary(), by);
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public CostEntry changeCost(long campaignId, long costId, Integer version, CostInput input) {
    CostEntry entry = cost(campaignId, costId, version);
    String by = caller();
    List<String> changes =
        entry.change(
            input.date(),
            input.category(),
            input.amount(),
            input.currency(),
            input.state(),
            input.description(),
            input.supplier(),
            input.workflowState());
    flush();
    if (!changes.isEmpty()) {
      audit(
          campaignId,
          CampaignAuditEntry.Action.COST_CHANGED,
          "#" + costId + ": " + String.join("; ", changes),
          by);
    }
    return entry;
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public void removeCost(long campaignId, long costId, Integer version) {
    CostEntry entry = cost(campaignId, costId, version);
    if (entry.isAutomatic()) {
      throw CampaignRuleException.invalid("campaign.error.costAutomatic");
    }
    String summary = entry.summary();
    em.remove(entry);
    flush();
    audit(
        campaignId,
        CampaignAuditEntry.Action.COST_REMOVED,
        "#" + costId + ": " + summary,
        caller());
  }

  private CostEntry cost(long campaignId, long costId, Integer version) {
    CostEntry entry = em.find(CostEntry.class, costId);
    if (entry == null || !entry.getCampaign().getId().equals(campaignId)) {
      throw new CampaignRuleException(
          CampaignRuleException.Kind.NOT_FOUND, "campaign.error.unknownCost", costId);
    }
    if (version != null && version != entry.getVersion()) {
      throw new CampaignRuleException(
          CampaignRuleException.Kind.CONFLICT, "campaign.error.changedBySomeoneElse");
    }
    return entry;
  }

  private Campaign current(long id, Integer version) {
    Campaign campaign = get(id);
    if (version != null && version != campaign.getVersion()) {
      throw new CampaignRuleException(
          CampaignRuleException.Kind.CONFLICT, "campaign.error.changedBySomeoneElse");
    }
    return campaign;
  }

  /**
   * Writes now, so that a concurrent change (the version check at the database) becomes the user's
   * clear message instead of a failed commit.
   */
  private void flush() {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new CampaignRuleException(
          CampaignRuleException.Kind.CONFLICT, "campaign.error.changedBySomeoneElse");
    }
  }

  private Campaign parent(Long parentId, Long childId) {
    if (parentId == null) {
      return null;
    }
    Campaign parent =
        find(parentId)
            .orElseThrow(
                () -> CampaignRuleException.invalid("campaign.error.unknownParent", parentId));
    if (childId != null && tree(childId).contains(parentId)) {
      throw CampaignRuleException.invalid("campaign.error.parentCycle");
    }
    return parent;
  }

  private static CampaignPlan owned(CampaignPlan p, String owner) {
    return new CampaignPlan(
        p.name(),
        p.description(),
        p.type(),
        p.audience(),
        owner,
        p.parentId(),
        p.plannedStart(),
        p.plannedEnd(),
        p.currency(),
        p.timeZone(),
        p.budget(),
        p.budgetByCategory(),
        p.warningPercent(),
        p.costPerEmail(),
        p.targetLeads(),
        p.targetConversionRate(),
        p.expectedRevenue(),
        p.targetRoi(),
        p.leadEventTypes(),
        p.attributionDays());
  }

  private void audit(long campaignId, CampaignAuditEntry.Action action, String detail, String by) {
    em.persist(new CampaignAuditEntry(campaignId, action, detail, by, now()));
  }

  private String caller() {
    String name =
        session.getCallerPrincipal() == null ? null : session.getCallerPrincipal().getName();
    return name == null || name.isBlank() || "ANONYMOUS".equalsIgnoreCase(name)
        ? SYSTEM_USER
        : name;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
