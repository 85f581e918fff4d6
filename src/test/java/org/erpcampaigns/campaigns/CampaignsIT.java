package org.erpcampaigns.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.boundary.CostInput;
import org.erpcampaigns.campaigns.control.BudgetSummary;
import org.erpcampaigns.campaigns.control.CampaignFilter;
import org.erpcampaigns.campaigns.control.CampaignKpis;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Campaigns inside Payara Micro on the real database: persistence, lifecycle and audit trail,
 * optimistic locking, roll-up of sub-campaigns, attribution of the ERP's orders through the contact
 * mapping's order view, deleting only what has sent nothing, the cost per email under concurrent
 * calls; and the REST API from the outside (roles, validation messages, 409).
 */
@ExtendWith(ArquillianExtension.class)
class CampaignsIT {
  /**
   * The product WAR with the probe. Payara honours the probe's {@code @RunAs} only when the role is
   * mapped to a principal, so this test deployment maps each role to its own group (as the
   * product's default mapping does) and, for the probe, to the principal "it-marketer".
   */
  @Deployment
  static WebArchive deployment() {
    WebArchive war = Deployments.inContainer(CampaignsProbe.class);
    war.delete("/WEB-INF/glassfish-web.xml");
    StringBuilder mappings = new StringBuilder();
    for (String role : List.of("campaign-admin", "marketer", "analyst")) {
      mappings
          .append("<security-role-mapping><role-name>")
          .append(role)
          .append("</role-name>")
          .append(role.equals("marketer") ? "<principal-name>it-marketer</principal-name>" : "")
          .append("<group-name>")
          .append(role)
          .append("</group-name></security-role-mapping>");
    }
    war.addAsWebInfResource(
        new StringAsset(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE glassfish-ejb-jar PUBLIC"
                + " \"-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN\""
                + " \"http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd\">\n"
                + "<glassfish-ejb-jar>"
                + mappings
                + "<enterprise-beans><ejb><ejb-name>CampaignsProbe</ejb-name>"
                + "<principal><name>it-marketer</name></principal></ejb></enterprise-beans>"
                + "</glassfish-ejb-jar>"),
        "glassfish-ejb-jar.xml");
    return war.addAsWebInfResource(
        new StringAsset(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE glassfish-web-app PUBLIC"
                + " \"-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN\""
                + " \"http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd\">\n"
                + "<glassfish-web-app><context-root>/</context-root>"
                + mappings
                + "<parameter-encoding default-charset=\"UTF-8\"/></glassfish-web-app>"),
        "glassfish-web.xml");
  }

  static final String RUN_AS = "it-marketer";

  @Inject Campaigns campaigns;
  @Inject CampaignsProbe probe;

  @Resource ManagedExecutorService executor;

  @ArquillianResource URL base;

  /** A name no demo data holds, unique per run (the IT database persists between runs). */
  static String unique(String prefix) {
    return prefix + " " + Long.toString(System.nanoTime(), 36);
  }

  static CampaignPlan plan(String name, String currency, String budget, Long parentId) {
    return new CampaignPlan(
        name,
        "made by CampaignsIT",
        CampaignType.MARKETING,
        AudienceKind.B2B,
        null,
        parentId,
        LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 5, 31),
        currency,
        "America/New_York",
        new BigDecimal(budget),
        new BigDecimal(budget).compareTo(new BigDecimal("300")) >= 0
            ? Map.of(CostCategory.DESIGN, new BigDecimal("300"))
            : Map.of(),
        null,
        null,
        100L,
        new BigDecimal("10"),
        new BigDecimal("5000"),
        new BigDecimal("25"),
        null,
        null);
  }

  /** Runs boundary calls as a marketer (the test thread itself has no role). */
  <T> T m(java.util.concurrent.Callable<T> code) throws Exception {
    return probe.asMarketer(code);
  }

  Campaign create(CampaignPlan plan) throws Exception {
    return probe.asMarketer(() -> campaigns.create(plan));
  }

  CostEntry cost(long campaignId, CostCategory category, String amount, CostState state)
      throws Exception {
    return probe.asMarketer(
        () ->
            campaigns.addCost(
                campaignId,
                new CostInput(
                    LocalDate.of(2026, 3, 5),
                    category,
                    new BigDecimal(amount),
                    null,
                    state,
                    "IT cost",
                    "Supplier IT",
                    null)));
  }

  @Test
  void aCampaignIsStoredWithItsPlanAndTheCreationIsAudited() throws Exception {
    Campaign c = create(plan(unique("IT persist"), "EUR", "1000", null));
    Campaign read = campaigns.find(c.getId()).orElseThrow();
    assertEquals(c.getName(), read.getName());
    assertEquals(RUN_AS, read.getOwner(), "the owner defaults to the user who plans it");
    assertEquals(CampaignStatus.PLANNED, read.getStatus());
    assertEquals(new BigDecimal("1000.00"), read.getBudget());
    assertEquals(Map.of(CostCategory.DESIGN, new BigDecimal("300.00")), read.getBudgetByCategory());
    assertEquals(Long.valueOf(100), read.getGoals().getLeads());
    assertEquals(new BigDecimal("25.00"), read.getGoals().getRoi());
    assertEquals(ZoneId.of("America/New_York"), campaigns.timeZone(c.getId()).orElseThrow());
    assertTrue(campaigns.timeZone(-1).isEmpty());
    List<CampaignAuditEntry> history = m(() -> campaigns.history(c.getId()));
    assertEquals(CampaignAuditEntry.Action.CREATED, history.get(0).getAction());
    assertEquals(RUN_AS, history.get(0).getChangedBy());
    assertTrue(m(() -> campaigns.count(new CampaignFilter(null, null, RUN_AS, null, null))) > 0);
  }

  @Test
  void lifecycleMovesAreAuditedAndWrongMovesRefused() throws Exception {
    Campaign c = create(plan(unique("IT lifecycle"), "EUR", "100", null));
    long id = c.getId();
    probe.asMarketer(() -> campaigns.perform(id, null, CampaignAction.APPROVE));
    probe.asMarketer(() -> campaigns.perform(id, null, CampaignAction.START));
    CampaignRuleException e =
        assertThrows(
            CampaignRuleException.class,
            () -> probe.asMarketer(() -> campaigns.perform(id, null, CampaignAction.APPROVE)));
    assertEquals(
        "\"Approve\" is not possible while the campaign is \"Active\".",
        e.localised(Locale.ENGLISH));
    assertEquals(
        "Die Aktion „Genehmigen“ ist nicht möglich, solange die Kampagne „Aktiv“ ist.",
        e.localised(Locale.GERMAN));
    assertEquals(CampaignStatus.ACTIVE, m(() -> campaigns.get(id)).getStatus());
    List<String> moves =
        m(() -> campaigns.history(id)).stream()
            .filter(a -> a.getAction() == CampaignAuditEntry.Action.STATUS)
            .map(CampaignAuditEntry::getDetail)
            .toList();
    assertEquals(List.of("APPROVED → ACTIVE (START)", "PLANNED → APPROVED (APPROVE)"), moves);
  }

  @Test
  void aStaleVersionIsChangedBySomeoneElse() throws Exception {
    Campaign c = create(plan(unique("IT locking"), "EUR", "100", null));
    long id = c.getId();
    int seen = c.getVersion();
    probe.asMarketer(() -> campaigns.update(id, seen, plan(c.getName(), "EUR", "200", null)));
    CampaignRuleException e =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () -> campaigns.update(id, seen, plan(c.getName(), "EUR", "999", null))));
    assertEquals(CampaignRuleException.Kind.CONFLICT, e.getKind());
    assertTrue(
        e.localised(Locale.ITALIAN).contains("modificata da qualcun altro"),
        e.localised(Locale.ITALIAN));
    assertEquals(
        new BigDecimal("200.00"), m(() -> campaigns.get(id)).getBudget(), "first save kept");
    assertTrue(
        m(() -> campaigns.history(id)).stream()
            .anyMatch(
                a ->
                    a.getAction() == CampaignAuditEntry.Action.BUDGET
                        && a.getDetail().contains("100.00 → 200.00")));
  }

  @Test
  void subCampaignsRollUpIntoTheParent() throws Exception {
    Campaign parent = create(plan(unique("IT parent"), "EUR", "1000", null));
    Campaign a = create(plan(unique("IT child A"), "EUR", "500", parent.getId()));
    Campaign b = create(plan(unique("IT child B"), "EUR", "400", parent.getId()));
    cost(parent.getId(), CostCategory.DESIGN, "100.00", CostState.SPENT);
    cost(a.getId(), CostCategory.DESIGN, "250.00", CostState.COMMITTED);
    cost(b.getId(), CostCategory.PRINTING, "600.00", CostState.SPENT);

    BudgetSummary all = m(() -> campaigns.budget(parent.getId()));
    assertEquals(new BigDecimal("1900.00"), all.total().budget());
    assertEquals(new BigDecimal("250.00"), all.total().committed());
    assertEquals(new BigDecimal("700.00"), all.total().spent());
    assertEquals(new BigDecimal("950.00"), all.total().actual());
    BudgetSummary.Line design = all.categories().get(0);
    assertEquals(CostCategory.DESIGN, design.category());
    assertEquals(new BigDecimal("900.00"), design.budget(), "3 × 300 split");
    assertEquals(new BigDecimal("350.00"), design.actual());

    BudgetSummary onlyB = m(() -> campaigns.budget(b.getId()));
    assertEquals(new BigDecimal("600.00"), onlyB.total().actual());
    assertEquals(BudgetSummary.State.EXCEEDED, onlyB.total().state());
    assertEquals(
        List.of(a.getName(), b.getName()),
        m(() -> campaigns.subCampaigns(parent.getId())).stream()
            .map(Campaign::getName)
            .sorted()
            .toList());

    CampaignRuleException cycle =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () ->
                        campaigns.update(
                            parent.getId(),
                            null,
                            plan(parent.getName(), "EUR", "1000", a.getId()))));
    assertEquals("campaign.error.parentCycle", cycle.getKey());
    CampaignRuleException currency =
        assertThrows(
            CampaignRuleException.class,
            () -> create(plan(unique("IT child USD"), "USD", "10", parent.getId())));
    assertEquals("campaign.error.parentCurrency", currency.getKey());
    CampaignRuleException withChildren =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () -> {
                      campaigns.delete(parent.getId(), null);
                      return null;
                    }));
    assertEquals("campaign.error.deleteWithChildren", withChildren.getKey());
  }

  @Test
  void ordersOfReachedContactsWithinTheWindowAreAttributed() throws Exception {
    Campaign parent = create(plan(unique("IT attribution"), "EUR", "1000", null));
    Campaign child = create(plan(unique("IT attribution sub"), "EUR", "0", parent.getId()));
    cost(parent.getId(), CostCategory.AGENCY, "400.00", CostState.SPENT);
    String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    String p1 = "CI1" + run;
    String p2 = "CI2" + run;
    String p3 = "CI3" + run;
    String p4 = "CI4" + run;
    LocalDateTime click = LocalDateTime.now().minusDays(40).withNano(0);
    // p1 clicked in the parent, p2 clicked in the sub-campaign, p3 only replied, p4 only opened
    event(parent.getId(), p1, "SENT", click.minusHours(1));
    event(parent.getId(), p1, "CLICKED", click);
    event(parent.getId(), p1, "CLICKED", click.plusDays(3));
    event(child.getId(), p2, "CLICKED", click.plusDays(1));
    event(child.getId(), p3, "REPLIED", click);
    event(child.getId(), p4, "OPENED", click);
    // attributed: within 30 days after the first click, not cancelled, in EUR
    order("CO1" + run, p1, click.plusDays(2), "ORDER_COMPLETED", "EUR", "1000.00");
    order("CO2" + run, p2, click.plusDays(10), "ORDER_APPROVED", "EUR", "500.50");
    // the same order billed to p1 and placed by p2 counts once
    order("CO3" + run, p2, click.plusDays(5), "ORDER_CREATED", "EUR", "99.50");
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?, 'BILL_TO_CUSTOMER')",
        "CO3" + run,
        p1);
    // not attributed: cancelled, before the click, after the window, other currency, not reached
    order("CX1" + run, p1, click.plusDays(4), "ORDER_CANCELLED", "EUR", "700.00");
    order("CX2" + run, p1, click.minusDays(1), "ORDER_COMPLETED", "EUR", "800.00");
    order("CX3" + run, p1, click.plusDays(31), "ORDER_COMPLETED", "EUR", "900.00");
    order("CX4" + run, p2, click.plusDays(2), "ORDER_COMPLETED", "USD", "300.00");
    order("CX5" + run, p3, click.plusDays(2), "ORDER_COMPLETED", "EUR", "600.00");

    CampaignKpis kpis = m(() -> campaigns.kpis(parent.getId()));
    assertEquals(3, kpis.leads(), "p1 and p2 clicked, p3 replied; p4 only opened");
    assertEquals(2, kpis.reachedContacts());
    assertEquals(3, kpis.conversions());
    assertEquals(new BigDecimal("1600.00"), kpis.revenue());
    assertEquals(1, kpis.ordersInOtherCurrencies());
    assertEquals(new BigDecimal("400.00"), kpis.actualCost());
    assertEquals(new BigDecimal("300.00"), kpis.kpi("roi").actual(), "(1600 - 400) / 400");
    assertEquals(new BigDecimal("133.33"), kpis.kpi("costPerLead").actual());
    assertEquals(new BigDecimal("100.00"), kpis.kpi("conversionRate").actual());

    CampaignKpis sub = m(() -> campaigns.kpis(child.getId()));
    assertEquals(2, sub.leads(), "p2 clicked, p3 replied in the sub-campaign");
    assertEquals(2, sub.conversions(), "CO2 and CO3 for p2");
    assertNull(sub.kpi("roi").actual(), "no cost: ROI not defined");
  }

  @Test
  void aCampaignThatSentMessagesCanOnlyBeCancelled() throws Exception {
    Campaign sent = create(plan(unique("IT sent"), "EUR", "10", null));
    long id = sent.getId();
    probe.sql(
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
            + " CREATED_AT) VALUES (?, ?, ?, 'CI-OUT', 'it@example.test', 'SENT', ?, ?)",
        900_000_000L + id,
        900_000_000L + id,
        id,
        Timestamp.valueOf(LocalDateTime.now()),
        Timestamp.valueOf(LocalDateTime.now()));
    assertTrue(m(() -> campaigns.hasSentMessages(id)));
    CampaignRuleException e =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () -> {
                      campaigns.delete(id, null);
                      return null;
                    }));
    assertEquals(
        "This campaign has sent messages and cannot be deleted; it can only be cancelled.",
        e.localised(Locale.ENGLISH));
    probe.asMarketer(() -> campaigns.perform(id, null, CampaignAction.CANCEL));
    assertEquals(CampaignStatus.CANCELLED, m(() -> campaigns.get(id)).getStatus());

    Campaign unsent = create(plan(unique("IT unsent"), "EUR", "10", null));
    cost(unsent.getId(), CostCategory.OTHER, "5.00", CostState.SPENT);
    probe.asMarketer(
        () -> {
          campaigns.delete(unsent.getId(), unsent.getVersion());
          return null;
        });
    assertTrue(campaigns.find(unsent.getId()).isEmpty());
    assertEquals(
        CampaignAuditEntry.Action.DELETED,
        m(() -> campaigns.history(unsent.getId())).get(0).getAction(),
        "the history outlives the campaign");
  }

  @Test
  void aCampaignWithAWorkflowCanOnlyBeCancelled() throws Exception {
    Campaign owner = create(plan(unique("IT with workflow"), "EUR", "10", null));
    long id = owner.getId();
    probe.sql(
        "INSERT INTO CM_WORKFLOW (ID, CAMPAIGN_ID, NAME, STATUS, DRAFT_DEFINITION, CREATED_BY,"
            + " CREATED_AT, UPDATED_AT) VALUES (nextval('CM_WORKFLOW_SEQ'), ?, 'Spring journey',"
            + " 'DRAFT', '{}', 'it', ?, ?)",
        id,
        Timestamp.valueOf(LocalDateTime.now()),
        Timestamp.valueOf(LocalDateTime.now()));
    CampaignRuleException e =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () -> {
                      campaigns.delete(id, null);
                      return null;
                    }));
    assertEquals(
        "Die Kampagne hat den Workflow „Spring journey“ und kann nicht gelöscht werden; sie kann"
            + " nur abgebrochen werden.",
        e.localised(Locale.GERMAN));
    assertTrue(campaigns.find(id).isPresent(), "nothing deleted");
  }

  @Test
  void costPerEmailAccumulatesOneEntryPerDayUnderConcurrentCalls() throws Exception {
    CampaignPlan p = plan(unique("IT per email"), "EUR", "100", null);
    CampaignPlan withRate =
        new CampaignPlan(
            p.name(),
            null,
            p.type(),
            p.audience(),
            null,
            null,
            null,
            null,
            "EUR",
            "Europe/Rome",
            p.budget(),
            null,
            null,
            new BigDecimal("0.0125"),
            null,
            null,
            null,
            null,
            Set.of("CLICKED"),
            null);
    long id = create(withRate).getId();
    long withoutRate = create(plan(unique("IT no rate"), "EUR", "100", null)).getId();

    List<Future<?>> calls = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      calls.add(
          executor.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  campaigns.recordMessagesSent(id, 3);
                  campaigns.recordMessagesSent(withoutRate, 3);
                }
                return null;
              }));
    }
    for (Future<?> f : calls) {
      f.get();
    }
    List<CostEntry> costs = m(() -> campaigns.costs(id));
    assertEquals(1, costs.size(), "one entry for the day");
    CostEntry day = costs.get(0);
    assertEquals(CostCategory.EMAIL_DELIVERY, day.getCategory());
    assertEquals(Long.valueOf(600), day.getMessages());
    assertEquals(new BigDecimal("7.50"), day.getAmount(), "600 × 0.0125");
    assertEquals(LocalDate.now(ZoneId.of("Europe/Rome")), day.getDate());
    assertTrue(day.isAutomatic());
    assertEquals(List.of(), m(() -> campaigns.costs(withoutRate)), "no rate, no cost");
    assertEquals(new BigDecimal("7.50"), m(() -> campaigns.budget(id)).total().actual());
    CampaignRuleException handChange =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () -> {
                      campaigns.removeCost(id, day.getId(), null);
                      return null;
                    }));
    assertEquals("campaign.error.costAutomatic", handChange.getKey());
  }

  @Test
  void badCostsAreRefusedInTheUsersLanguage() throws Exception {
    long id = create(plan(unique("IT bad cost"), "EUR", "100", null)).getId();
    CampaignRuleException usd =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () ->
                        campaigns.addCost(
                            id,
                            new CostInput(
                                LocalDate.now(),
                                CostCategory.DESIGN,
                                BigDecimal.TEN,
                                "USD",
                                null,
                                null,
                                null,
                                null))));
    assertTrue(
        usd.localised(Locale.FRENCH).startsWith("Un coût en USD ne peut pas"),
        usd.localised(Locale.FRENCH));
    CampaignRuleException negative =
        assertThrows(
            CampaignRuleException.class,
            () ->
                probe.asMarketer(
                    () ->
                        campaigns.addCost(
                            id,
                            new CostInput(
                                LocalDate.now(),
                                CostCategory.DESIGN,
                                new BigDecimal("-3"),
                                null,
                                null,
                                null,
                                null,
                                null))));
    assertEquals("Importo non può essere negativo.", negative.localised(Locale.ITALIAN));
    assertEquals(List.of(), m(() -> campaigns.costs(id)), "nothing recorded");
    assertThrows(EJBAccessException.class, () -> campaigns.create(plan("x", "EUR", "1", null)));
  }

  // ---- the REST API, from the outside ------------------------------------------------------

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  @RunAsClient
  void restCrudWithValidationConflictsAndRoles() throws Exception {
    String name = unique("API campaign");
    HttpResponse<String> created =
        send(
            "POST",
            "api/campaigns",
            "marketer",
            "{\"name\":\""
                + name
                + "\",\"type\":\"sales\",\"audience\":\"B2C\",\"currency\":\"EUR\","
                + "\"budget\":1000,\"budgetByCategory\":{\"DESIGN\":\"400\"},\"plannedStart\":\"2026-04-01\","
                + "\"plannedEnd\":\"2026-04-30\",\"timeZone\":\"Europe/Amsterdam\",\"targetLeads\":50}",
            null);
    assertEquals(201, created.statusCode(), created.body());
    JsonObject c = json(created.body());
    long id = c.getJsonNumber("id").longValue();
    assertEquals("PLANNED", c.getString("status"));
    assertEquals(List.of("APPROVE", "CANCEL"), strings(c.getJsonArray("allowedActions")));
    assertEquals("Europe/Amsterdam", c.getString("timeZone"));
    int version = c.getInt("version");

    HttpResponse<String> endBeforeStart =
        send(
            "POST",
            "api/campaigns",
            "marketer",
            "{\"name\":\"x\",\"type\":\"SALES\",\"audience\":\"B2C\",\"currency\":\"EUR\","
                + "\"plannedStart\":\"2026-04-30\",\"plannedEnd\":\"2026-04-01\"}",
            "nl");
    assertEquals(400, endBeforeStart.statusCode());
    assertEquals(
        "Het geplande einde ligt vóór de geplande start.",
        json(endBeforeStart.body()).getString("message"));

    HttpResponse<String> notANumber =
        send(
            "POST",
            "api/campaigns/" + id + "/costs",
            "marketer",
            "{\"date\":\"2026-04-02\",\"category\":\"DESIGN\",\"amount\":\"12,5x\"}",
            "en");
    assertEquals(400, notANumber.statusCode());
    assertEquals(
        "Amount: \"12,5x\" is not a number.", json(notANumber.body()).getString("message"));

    HttpResponse<String> cost =
        send(
            "POST",
            "api/campaigns/" + id + "/costs",
            "marketer",
            "{\"date\":\"2026-04-02\",\"category\":\"DESIGN\",\"amount\":850.25,\"state\":\"committed\","
                + "\"supplier\":\"Studio\"}",
            null);
    assertEquals(201, cost.statusCode(), cost.body());
    long costId = json(cost.body()).getJsonNumber("id").longValue();
    JsonObject budget =
        json(send("GET", "api/campaigns/" + id + "/budget", "analyst", null, null).body());
    assertEquals("WARNING", budget.getJsonObject("total").getString("state"));
    assertEquals(
        new BigDecimal("850.25"),
        budget.getJsonObject("total").getJsonNumber("committed").bigDecimalValue());

    HttpResponse<String> stale =
        send(
            "PUT",
            "api/campaigns/" + id,
            "marketer",
            "{\"version\":"
                + (version + 5)
                + ",\"name\":\""
                + name
                + "\",\"type\":\"SALES\","
                + "\"audience\":\"B2C\",\"currency\":\"EUR\",\"budget\":2000}",
            "de");
    assertEquals(409, stale.statusCode());
    assertTrue(json(stale.body()).getString("message").contains("von jemand anderem geändert"));

    HttpResponse<String> updated =
        send(
            "PUT",
            "api/campaigns/" + id,
            "marketer",
            "{\"version\":"
                + version
                + ",\"name\":\""
                + name
                + "\",\"type\":\"SALES\","
                + "\"audience\":\"B2C\",\"currency\":\"EUR\",\"budget\":2000}",
            null);
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals(
        new BigDecimal("2000.00"), json(updated.body()).getJsonNumber("budget").bigDecimalValue());

    HttpResponse<String> wrongMove =
        send("POST", "api/campaigns/" + id + "/actions/complete", "marketer", "", "it");
    assertEquals(400, wrongMove.statusCode());
    assertEquals(
        "«Completa» non è possibile mentre la campagna è «Pianificata».",
        json(wrongMove.body()).getString("message"));

    assertEquals(
        403,
        send("POST", "api/campaigns/" + id + "/actions/approve", "analyst", "", null).statusCode());
    assertEquals(
        403,
        send("DELETE", "api/campaigns/" + id + "/costs/" + costId, "analyst", null, null)
            .statusCode());
    HttpResponse<String> kpis = send("GET", "api/campaigns/" + id + "/kpis", "analyst", null, null);
    assertEquals(200, kpis.statusCode(), kpis.body());
    assertEquals(0, json(kpis.body()).getInt("leads"));

    JsonArray history =
        Json.createReader(
                new StringReader(
                    send("GET", "api/campaigns/" + id + "/history", "analyst", null, null).body()))
            .readArray();
    assertEquals(
        List.of("UPDATED", "BUDGET", "COST_ADDED", "CREATED"),
        history.stream().map(v -> v.asJsonObject().getString("action")).toList());

    assertEquals(
        204,
        send("DELETE", "api/campaigns/" + id + "/costs/" + costId, "marketer", null, null)
            .statusCode());
    assertEquals(204, send("DELETE", "api/campaigns/" + id, "marketer", null, null).statusCode());
    HttpResponse<String> gone = send("GET", "api/campaigns/" + id, "analyst", null, "fr");
    assertEquals(404, gone.statusCode());
    assertTrue(json(gone.body()).getString("message").contains(String.valueOf(id)));
    assertTrue(
        send("GET", "openapi", null, null, null).body().contains("/api/campaigns/{id}/kpis"));
  }

  private HttpResponse<String> send(
      String method, String path, String user, String body, String lang) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    base.getProtocol()
                        + "://"
                        + base.getHost()
                        + ":"
                        + base.getPort()
                        + "/"
                        + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    if (lang != null) {
      b.header("Accept-Language", lang);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static List<String> strings(JsonArray a) {
    return a.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  private void event(long campaignId, String party, String type, LocalDateTime at)
      throws Exception {
    probe.sql(
        "INSERT INTO CM_EVENT (ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT)"
            + " VALUES ((SELECT COALESCE(MAX(ID), 0) + 1 FROM CM_EVENT), ?, ?, ?, ?)",
        campaignId,
        party,
        type,
        Timestamp.valueOf(at));
  }

  private void order(
      String id, String party, LocalDateTime at, String status, String currency, String total)
      throws Exception {
    probe.sql(
        "INSERT INTO ORDER_HEADER (ORDER_ID, ORDER_TYPE_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL) VALUES (?, 'SALES_ORDER', ?, ?, ?, ?)",
        id,
        Timestamp.valueOf(at),
        status,
        currency,
        new BigDecimal(total));
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?, 'PLACING_CUSTOMER')",
        id,
        party);
  }
}
