package org.erpcampaigns.campaigns.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignFilter;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.campaigns.control.CampaignQuery;
import org.erpcampaigns.campaigns.entity.AudienceKind;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignAction;
import org.erpcampaigns.campaigns.entity.CampaignAuditEntry;
import org.erpcampaigns.campaigns.entity.CampaignPlan;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.campaigns.entity.CampaignStatus;
import org.erpcampaigns.campaigns.entity.CampaignType;
import org.erpcampaigns.campaigns.entity.CostCategory;
import org.erpcampaigns.campaigns.entity.CostEntry;
import org.erpcampaigns.campaigns.entity.CostState;

/**
 * Campaigns over REST: CRUD for campaigns and their cost entries, lifecycle moves, budget and KPIs
 * read-only, and the audit trail. Same rules and messages as the screens (errors as JSON in the
 * caller's Accept-Language); changes need the marketer or admin role, and the version read, so that
 * a concurrent change is reported (409) instead of overwritten.
 */
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns", description = "Campaigns, their budget, costs, goals and KPIs")
public class CampaignsResource {
  @Inject Campaigns campaigns;

  /** A campaign as the API shows it. Money in the campaign's currency; rates in percent. */
  public record CampaignJson(
      long id,
      String name,
      String description,
      String type,
      String audience,
      String owner,
      Long parentId,
      LocalDate plannedStart,
      LocalDate plannedEnd,
      String currency,
      String timeZone,
      String status,
      List<String> allowedActions,
      BigDecimal budget,
      Map<String, BigDecimal> budgetByCategory,
      int warningPercent,
      BigDecimal costPerEmail,
      Long targetLeads,
      BigDecimal targetConversionRate,
      BigDecimal expectedRevenue,
      BigDecimal targetRoi,
      List<String> leadEventTypes,
      int attributionDays,
      String createdBy,
      LocalDateTime createdAt,
      String updatedBy,
      LocalDateTime updatedAt,
      int version) {
    static CampaignJson of(Campaign c) {
      return new CampaignJson(
          c.getId(),
          c.getName(),
          c.getDescription(),
          c.getType().name(),
          c.getAudience().name(),
          c.getOwner(),
          c.getParent() == null ? null : c.getParent().getId(),
          c.getPlannedStart(),
          c.getPlannedEnd(),
          c.getCurrency(),
          c.getTimeZone(),
          c.getStatus().name(),
          c.getAllowedActions().stream().map(Enum::name).toList(),
          c.getBudget(),
          c.getBudgetByCategory().entrySet().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      e -> e.getKey().name(),
                      Map.Entry::getValue,
                      (x, y) -> x,
                      java.util.TreeMap::new)),
          c.getWarningPercent(),
          c.getCostPerEmail(),
          c.getGoals().getLeads(),
          c.getGoals().getConversionRate(),
          c.getGoals().getRevenue(),
          c.getGoals().getRoi(),
          c.getLeadEvents(),
          c.getAttributionDays(),
          c.getCreatedBy(),
          c.getCreatedAt(),
          c.getUpdatedBy(),
          c.getUpdatedAt(),
          c.getVersion());
    }
  }

  /** A list row: the campaign and its own recorded costs. */
  public record CampaignRowJson(CampaignJson campaign, BigDecimal actualCost) {}

  /** A page of campaigns with the totals of all that match, per currency. */
  public record CampaignPage(
      long total,
      int first,
      int size,
      List<CampaignRowJson> campaigns,
      List<CampaignQuery.CurrencyTotal> totals) {}

  /** A cost entry as the API shows it. */
  public record CostJson(
      long id,
      long campaignId,
      LocalDate date,
      String category,
      BigDecimal amount,
      String currency,
      String state,
      String description,
      String supplier,
      String workflowState,
      Long messages,
      boolean automatic,
      String createdBy,
      LocalDateTime createdAt,
      int version) {
    static CostJson of(CostEntry k) {
      return new CostJson(
          k.getId(),
          k.getCampaign().getId(),
          k.getDate(),
          k.getCategory().name(),
          k.getAmount(),
          k.getCurrency(),
          k.getState().name(),
          k.getDescription(),
          k.getSupplier(),
          k.getWorkflowState(),
          k.getMessages(),
          k.isAutomatic(),
          k.getCreatedBy(),
          k.getCreatedAt(),
          k.getVersion());
    }
  }

  /** One line of the audit trail. */
  public record AuditJson(LocalDateTime at, String by, String action, String detail) {
    static AuditJson of(CampaignAuditEntry a) {
      return new AuditJson(a.getChangedAt(), a.getChangedBy(), a.getAction().name(), a.getDetail());
    }
  }

  @GET
  @Operation(summary = "Search campaigns (filters optional), with totals per currency")
  public CampaignPage search(
      @Parameter(description = "MARKETING, SALES, PUBLIC_RELATIONS or INTERNAL") @QueryParam("type")
          String type,
      @Parameter(description = "PLANNED, APPROVED, ACTIVE, PAUSED, COMPLETED or CANCELLED")
          @QueryParam("status")
          String status,
      @QueryParam("owner") String owner,
      @Parameter(description = "campaigns whose planned period reaches this date (yyyy-mm-dd)")
          @QueryParam("from")
          String from,
      @Parameter(description = "campaigns whose planned period starts by this date (yyyy-mm-dd)")
          @QueryParam("to")
          String to,
      @Parameter(description = "name, type, status, owner, start, end or budget")
          @QueryParam("sort")
          @DefaultValue("start")
          String sort,
      @QueryParam("descending") @DefaultValue("true") boolean descending,
      @QueryParam("first") @DefaultValue("0") int first,
      @QueryParam("size") @DefaultValue("50") int size) {
    JsonFields q =
        new JsonFields(
            jakarta.json.Json.createObjectBuilder()
                .add("type", type == null ? "" : type)
                .add("status", status == null ? "" : status)
                .add("from", from == null ? "" : from)
                .add("to", to == null ? "" : to)
                .build());
    CampaignFilter filter =
        new CampaignFilter(
            q.choice("type", CampaignType.class, "campaign.type"),
            q.choice("status", CampaignStatus.class, "campaign.status"),
            owner,
            q.date("from", "campaign.period"),
            q.date("to", "campaign.period"));
    CampaignQuery.Sort order =
        CampaignQuery.Sort.parse(sort)
            .orElseThrow(() -> CampaignRuleException.invalid("campaign.error.sort", sort));
    if (first < 0 || size < 1 || size > 500) {
      throw CampaignRuleException.invalid("campaign.error.paging");
    }
    List<CampaignRowJson> rows =
        campaigns.search(filter, order, !descending, first, size).stream()
            .map(r -> new CampaignRowJson(CampaignJson.of(r.campaign()), r.actualCost()))
            .toList();
    return new CampaignPage(campaigns.count(filter), first, size, rows, campaigns.totals(filter));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One campaign")
  @APIResponse(responseCode = "404", description = "no such campaign")
  public CampaignJson get(@PathParam("id") long id) {
    return CampaignJson.of(campaigns.get(id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Plan a new campaign (status PLANNED; not for analysts)")
  @RequestBody(
      description =
          "name, description, type, audience, owner (default: you), parentId, plannedStart,"
              + " plannedEnd, currency (ISO 4217), timeZone (e.g. Europe/Rome; default: the"
              + " server's), budget, budgetByCategory {CATEGORY: amount}, warningPercent"
              + " (default 80), costPerEmail, targetLeads, targetConversionRate, expectedRevenue,"
              + " targetRoi, leadEventTypes [CLICKED, REPLIED, ...], attributionDays (default 30)")
  @APIResponse(responseCode = "201", description = "created")
  @APIResponse(responseCode = "400", description = "a rule is broken; the message says which")
  public Response create(JsonObject body) {
    Campaign c = campaigns.create(plan(body));
    return Response.created(URI.create("campaigns/" + c.getId()))
        .entity(CampaignJson.of(c))
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a campaign's plan; send the version you read (409 when outdated)")
  @APIResponse(responseCode = "409", description = "changed by someone else in the meantime")
  public CampaignJson update(@PathParam("id") long id, JsonObject body) {
    JsonFields f = new JsonFields(body);
    return CampaignJson.of(
        campaigns.update(id, f.integer("version", "campaign.version"), plan(body)));
  }

  @POST
  @Path("{id}/actions/{action}")
  @Operation(
      summary =
          "Move the campaign: APPROVE, START, PAUSE, RESUME, COMPLETE or CANCEL (only the moves"
              + " its status allows, see allowedActions)")
  public CampaignJson perform(
      @PathParam("id") long id,
      @PathParam("action") String action,
      @QueryParam("version") Integer version) {
    CampaignAction a;
    try {
      a = CampaignAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CampaignRuleException.invalid(
          "campaign.error.choice", new CampaignRuleException.Label("campaign.action"), action);
    }
    return CampaignJson.of(campaigns.perform(id, version, a));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary =
          "Delete a campaign that has sent nothing and has no sub-campaigns (otherwise cancel it)")
  public Response delete(@PathParam("id") long id, @QueryParam("version") Integer version) {
    campaigns.delete(id, version);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/sub-campaigns")
  @Operation(summary = "The campaign's direct sub-campaigns")
  public List<CampaignJson> subCampaigns(@PathParam("id") long id) {
    campaigns.get(id);
    return campaigns.subCampaigns(id).stream().map(CampaignJson::of).toList();
  }

  @GET
  @Path("{id}/budget")
  @Operation(
      summary =
          "Actual vs budget per category and in total (committed, spent, state), sub-campaigns"
              + " included")
  public BudgetSummary budget(@PathParam("id") long id) {
    return campaigns.budget(id);
  }

  @GET
  @Path("{id}/kpis")
  @Operation(
      summary =
          "Goals against actuals: leads, conversions, revenue, cost per lead and conversion, ROI")
  public CampaignKpis kpis(@PathParam("id") long id) {
    return campaigns.kpis(id);
  }

  @GET
  @Path("{id}/history")
  @Operation(summary = "Who changed what and when (newest first)")
  public List<AuditJson> history(@PathParam("id") long id) {
    campaigns.get(id);
    return campaigns.history(id).stream().map(AuditJson::of).toList();
  }

  @GET
  @Path("{id}/costs")
  @Operation(summary = "The campaign's cost entries, newest first")
  public List<CostJson> costs(@PathParam("id") long id) {
    return campaigns.costs(id).stream().map(CostJson::of).toList();
  }

  @POST
  @Path("{id}/costs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record a cost (not for analysts)")
  @RequestBody(
      description =
          "date (yyyy-mm-dd), category, amount (>= 0, 2 decimals), currency (must be the"
              + " campaign's: no conversion), state (COMMITTED or SPENT, default SPENT),"
              + " description, supplier, workflowState")
  @APIResponse(responseCode = "201", description = "recorded")
  public Response addCost(@PathParam("id") long id, JsonObject body) {
    CostEntry k = campaigns.addCost(id, cost(body));
    return Response.created(URI.create("campaigns/" + id + "/costs/" + k.getId()))
        .entity(CostJson.of(k))
        .build();
  }

  @PUT
  @Path("{id}/costs/{costId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Correct a cost; send the version you read (409 when outdated)")
  public CostJson changeCost(
      @PathParam("id") long id, @PathParam("costId") long costId, JsonObject body) {
    JsonFields f = new JsonFields(body);
    return CostJson.of(
        campaigns.changeCost(id, costId, f.integer("version", "campaign.version"), cost(body)));
  }

  @DELETE
  @Path("{id}/costs/{costId}")
  @Operation(summary = "Remove a cost entered by hand")
  public Response removeCost(
      @PathParam("id") long id,
      @PathParam("costId") long costId,
      @QueryParam("version") Integer version) {
    campaigns.removeCost(id, costId, version);
    return Response.noContent().build();
  }

  static CampaignPlan plan(JsonObject body) {
    JsonFields f = new JsonFields(body);
    return new CampaignPlan(
        f.text("name"),
        f.text("description"),
        f.choice("type", CampaignType.class, "campaign.type"),
        f.choice("audience", AudienceKind.class, "campaign.audience"),
        f.text("owner"),
        f.whole("parentId", "campaign.parent"),
        f.date("plannedStart", "campaign.plannedStart"),
        f.date("plannedEnd", "campaign.plannedEnd"),
        f.text("currency"),
        f.text("timeZone"),
        f.number("budget", "campaign.budget"),
        f.amounts("budgetByCategory", CostCategory.class, "campaign.budget"),
        f.integer("warningPercent", "campaign.warningPercent"),
        f.number("costPerEmail", "campaign.costPerEmail"),
        f.whole("targetLeads", "campaign.targetLeads"),
        f.number("targetConversionRate", "campaign.targetConversionRate"),
        f.number("expectedRevenue", "campaign.expectedRevenue"),
        f.number("targetRoi", "campaign.targetRoi"),
        f.texts("leadEventTypes"),
        f.integer("attributionDays", "campaign.attributionDays"));
  }

  static CostInput cost(JsonObject body) {
    JsonFields f = new JsonFields(body);
    return new CostInput(
        f.date("date", "campaign.cost.date"),
        f.choice("category", CostCategory.class, "campaign.cost.category"),
        f.number("amount", "campaign.cost.amount"),
        f.text("currency"),
        f.choice("state", CostState.class, "campaign.cost.state"),
        f.text("description"),
        f.text("supplier"),
        f.text("workflowState"));
  }
}
