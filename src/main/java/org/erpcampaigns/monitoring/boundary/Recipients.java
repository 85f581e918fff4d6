package org.erpcampaigns.monitoring.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.audiences.control.MemberCsv;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.ListKind;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.contacts.control.MappedViews;
import org.erpcampaigns.monitoring.control.CampaignRecipients;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Filter;
import org.erpcampaigns.monitoring.control.CampaignRecipients.Recipient;
import org.erpcampaigns.monitoring.entity.MonitoringRuleException;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.boundary.Roles;

/**
 * A campaign's recipients for the dashboard and the API: filtered pages, a filter turned into a new
 * distribution list in one call, and CSV exports of the recipients and of the events that stream
 * from a database cursor (never held in memory), with formula cells neutralised.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
public class Recipients {
  private static final Logger LOG = Logger.getLogger(Recipients.class.getName());

  /** A page of recipients and how many the filter has in all. */
  public record Page(long total, List<Recipient> recipients) {}

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;
  @EJB Campaigns campaigns;
  @EJB DistributionLists lists;

  private CampaignRecipients recipients;

  @PostConstruct
  void init() {
    recipients = new CampaignRecipients(MappedViews.orders(em));
  }

  /** The filter named; an unknown name is a clear 400. */
  public static Filter filter(String name) {
    return Filter.named(name)
        .orElseThrow(
            () ->
                MonitoringRuleException.invalid(
                    "recipients.error.filter",
                    name,
                    String.join(
                        ", ", java.util.Arrays.stream(Filter.values()).map(Enum::name).toList())));
  }

  /** Refuses an unknown campaign (404) or filter (400) before an export begins to stream. */
  public void check(long campaignId, String filter) {
    campaigns.get(campaignId);
    filter(filter);
  }

  public Page page(long campaignId, String filter, int first, int size) {
    return new Page(count(campaignId, filter), list(campaignId, filter, first, size));
  }

  /** How many recipients the filter has. */
  public long count(long campaignId, String filter) {
    campaigns.get(campaignId);
    Filter f = filter(filter);
    return sql(c -> recipients.count(c, campaignId, f));
  }

  /** A page of the filter's recipients, in party id order. */
  public List<Recipient> list(long campaignId, String filter, int first, int size) {
    campaigns.get(campaignId);
    Filter f = filter(filter);
    return sql(c -> recipients.page(c, campaignId, f, first, size));
  }

  /**
   * A new static list of the filter's recipients (kept through refreshes, as members added by hand
   * are), named {@code name}. Returns it.
   */
  @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
  public DistributionList toList(long campaignId, String filter, String name) {
    campaigns.get(campaignId);
    Filter f = filter(filter);
    if (name == null || name.isBlank()) {
      throw MonitoringRuleException.invalid("recipients.error.listName");
    }
    List<String> parties = sql(c -> recipients.parties(c, campaignId, f));
    DistributionList list =
        lists.createList(
            name.strip(),
            "Campaign " + campaignId + " recipients: " + f.name(),
            ListKind.STATIC,
            null);
    for (int from = 0; from < parties.size(); from += 10_000) {
      lists.changeByWorkflow(
          list.getId(),
          parties.subList(from, Math.min(parties.size(), from + 10_000)),
          true,
          session.getCallerPrincipal().getName());
    }
    LOG.info(
        () ->
            "event=recipients-to-list campaign="
                + campaignId
                + " filter="
                + f
                + " list="
                + list.getId()
                + " contacts="
                + parties.size());
    return lists.list(list.getId());
  }

  /** The filter's recipients as CSV (UTF-8), streamed. */
  public void exportRecipients(long campaignId, String filter, OutputStream out) {
    campaigns.get(campaignId);
    Filter f = filter(filter);
    csv(
        out,
        List.of(
            "party_id",
            "email",
            "name",
            "messages",
            "sent",
            "last_sent_utc",
            "opens",
            "clicks",
            "replied",
            "bounced",
            "unsubscribed",
            "ordered",
            "workflow_state"),
        (c, rows) ->
            recipients.each(
                c,
                campaignId,
                f,
                r ->
                    rows.row(
                        r.partyId(),
                        r.email(),
                        r.name(),
                        r.messages(),
                        r.sent(),
                        r.lastSent(),
                        r.opens(),
                        r.clicks(),
                        r.replied(),
                        r.bounced(),
                        r.unsubscribed(),
                        r.ordered(),
                        r.workflowState())));
  }

  /** Every event of the campaign as CSV (UTF-8), in the order they were recorded, streamed. */
  public void exportEvents(long campaignId, OutputStream out) {
    campaigns.get(campaignId);
    csv(
        out,
        List.of("occurred_at_utc", "type", "party_id", "email", "mailing_id", "detail"),
        (c, rows) -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT OCCURRED_AT, TYPE, PARTY_ID, EMAIL, MAILING_ID, DETAIL FROM CM_EVENT"
                      + " WHERE CAMPAIGN_ID = ? ORDER BY ID")) {
            ps.setLong(1, campaignId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.row(
                    rs.getObject(1),
                    rs.getObject(2),
                    rs.getObject(3),
                    rs.getObject(4),
                    rs.getObject(5),
                    rs.getObject(6));
              }
            }
          }
        });
  }

  /** Writes rows of an export; a cell is its value's text, null empty. */
  @FunctionalInterface
  interface Rows {
    void row(Object... cells) throws SQLException;
  }

  @FunctionalInterface
  interface Export {
    void write(Connection c, Rows rows) throws SQLException;
  }

  private void csv(OutputStream out, List<String> header, Export export) {
    sql(
        c -> {
          // in the bean's transaction, so PostgreSQL's cursor pages by the fetch size
          try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            MemberCsv.Export csv = new MemberCsv.Export(w);
            csv.row(header);
            List<String> cells = new ArrayList<>();
            export.write(
                c,
                values -> {
                  cells.clear();
                  for (Object v : values) {
                    cells.add(v == null ? null : v.toString());
                  }
                  try {
                    csv.row(cells);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
            w.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return null;
        });
  }

  interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(Sql<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
