package org.erpcampaigns.audiences.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.audiences.control.CriteriaJson;
import org.erpcampaigns.audiences.control.ErpSources;
import org.erpcampaigns.audiences.control.ListImport;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.control.MemberCsv;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.audiences.control.SegmentCompiler;
import org.erpcampaigns.audiences.control.SegmentSql;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.ListKind;
import org.erpcampaigns.audiences.entity.Segment;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * Segments and distribution lists: live counts and previews of criteria, saved segments, lists
 * built set-based (static snapshots, dynamic lists re-evaluated at send time), manual refinement,
 * CSV import and export, and the send-time check that mailings calls ({@link #prepareForSend}).
 * Reading is for every role; changing is for admins and marketers.
 */
@Stateless
@RolesAllowed({"campaign-admin", "marketer", "analyst"})
public class DistributionLists {
  private static final Logger LOG = Logger.getLogger(DistributionLists.class.getName());

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject AudienceSources sources;

  @EJB PurchaseIndexer purchaseIndexer;

  @Inject
  @ConfigProperty(name = "campaigns.audiences.import-max-mb", defaultValue = "20")
  long importMaxMegabytes;

  @Inject
  @ConfigProperty(name = "campaigns.lists.refresh-timeout-seconds", defaultValue = "900")
  long refreshTimeoutSeconds;

  /** The largest CSV an import takes. */
  public long importLimitMegabytes() {
    return importMaxMegabytes;
  }

  // --- criteria: count and preview while editing

  public ListMembership.Count count(Criterion criteria) {
    SegmentSql sql = checked(criteria, null);
    return jdbc(c -> ListMembership.count(c, sql));
  }

  public List<ListMembership.PreviewRow> preview(Criterion criteria, int rows) {
    SegmentSql sql = checked(criteria, null);
    return jdbc(c -> ListMembership.preview(c, sql, rows));
  }

  /**
   * Compiles the criteria and checks what the SQL alone cannot say clearly: products, categories
   * and lists that do not exist, a list referring to itself.
   */
  SegmentSql checked(Criterion criteria, Long ownListId) {
    SegmentSql sql = compiler().compile(criteria);
    Set<String> products = new LinkedHashSet<>();
    Set<String> categories = new LinkedHashSet<>();
    Set<String> lists = new LinkedHashSet<>();
    collect(criteria, products, categories, lists);
    ErpSources views = sources.get();
    if (!products.isEmpty() || !categories.isEmpty()) {
      if (!sources.hasPurchases()) {
        throw AudienceException.invalid("audience.error.noPurchaseData");
      }
    }
    for (String product : products) {
      if (!exists("SELECT 1 FROM " + views.products() + " WHERE PRODUCT_ID = ?", product)) {
        throw AudienceException.invalid("audience.error.unknownProduct", product);
      }
    }
    for (String category : categories) {
      if (!exists("SELECT 1 FROM " + views.categories() + " WHERE CATEGORY_ID = ?", category)) {
        throw AudienceException.invalid("audience.error.unknownCategory", category);
      }
    }
    for (String list : lists) {
      long id = Long.parseLong(list);
      if (ownListId != null && ownListId == id) {
        throw AudienceException.invalid("audience.error.selfReference");
      }
      if (em.find(DistributionList.class, id) == null) {
        throw AudienceException.invalid("audience.error.unknownList", list);
      }
    }
    return sql;
  }

  private static void collect(
      Criterion node, Set<String> products, Set<String> categories, Set<String> lists) {
    if (node instanceof CriteriaGroup g) {
      g.children().forEach(child -> collect(child, products, categories, lists));
      return;
    }
    Condition k = (Condition) node;
    List<String> values = k.values().stream().map(String::strip).toList();
    if (k.field() == Field.BOUGHT_PRODUCT) {
      products.addAll(values);
    } else if (k.field() == Field.BOUGHT_CATEGORY) {
      categories.addAll(values);
    } else if (k.field() == Field.LIST_MEMBER) {
      lists.addAll(values);
    }
  }

  private boolean exists(String sql, String value) {
    return jdbc(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  SegmentCompiler compiler() {
    return new SegmentCompiler(sources.get(), Clock.systemUTC());
  }

  /**
   * The purchase index's last refresh: when, how many orders, the currency that totals spent are
   * in, and the orders left out of totals because no exchange rate was valid at their date.
   *
   * @throws AudienceException (NOT_FOUND) while it was never built
   */
  public PurchaseIndex.State purchaseIndex() {
    try {
      return purchaseIndexer
          .state()
          .orElseThrow(() -> AudienceException.notFound("audience.error.purchaseIndexNotBuilt"));
    } catch (SQLException e) {
      throw new IllegalStateException("the purchase index state could not be read", e);
    }
  }

  /** The currency totals spent are in: the purchase index's, or the configured one before it. */
  public String reportingCurrency() {
    try {
      return purchaseIndexer
          .state()
          .map(PurchaseIndex.State::reportingCurrency)
          .orElseGet(purchaseIndexer::reportingCurrency);
    } catch (SQLException e) {
      throw new IllegalStateException("the purchase index state could not be read", e);
    }
  }

  // --- segments

  public List<Segment> segments() {
    return em.createQuery("SELECT s FROM Segment s ORDER BY s.name, s.id", Segment.class)
        .getResultList();
  }

  public Segment segment(long id) {
    Segment s = em.find(Segment.class, id);
    if (s == null) {
      throw AudienceException.notFound("audience.error.segmentNotFound", id);
    }
    return s;
  }

  public Criterion criteria(Segment segment) {
    return CriteriaJson.read(segment.getCriteria());
  }

  /** Saves new criteria (id null) or changes a segment's name and criteria. */
  @RolesAllowed({"campaign-admin", "marketer"})
  public Segment saveSegment(Long id, String name, Criterion criteria) {
    checked(criteria, null);
    String json = CriteriaJson.write(criteria);
    if (id == null) {
      Segment s = new Segment(name, json, caller(), now());
      em.persist(s);
      em.flush();
      LOG.info(() -> "event=segment-created id=" + s.getId() + " by=" + caller());
      return s;
    }
    Segment s = segment(id);
    s.redefine(name, json, now());
    return s;
  }

  // --- lists

  public List<DistributionList> lists() {
    return em.createQuery(
            "SELECT l FROM DistributionList l ORDER BY l.name, l.id", DistributionList.class)
        .getResultList();
  }

  public DistributionList list(long id) {
    DistributionList l = em.find(DistributionList.class, id);
    if (l == null) {
      throw AudienceException.notFound("audience.error.listNotFound", id);
    }
    return l;
  }

  public Optional<Segment> segmentOf(DistributionList list) {
    return Optional.ofNullable(list.getSegmentId()).map(id -> em.find(Segment.class, id));
  }

  /** Creates a list (from a segment, or empty for hand-picked members); members are built later. */
  @RolesAllowed({"campaign-admin", "marketer"})
  public DistributionList createList(
      String name, String description, ListKind kind, Long segmentId) {
    if (segmentId != null) {
      segment(segmentId);
    }
    DistributionList list =
        new DistributionList(name, description, kind, segmentId, caller(), now());
    em.persist(list);
    em.flush();
    if (segmentId != null) {
      checked(criteria(segment(segmentId)), list.getId());
    }
    LOG.info(() -> "event=list-created id=" + list.getId() + " kind=" + kind + " by=" + caller());
    return list;
  }

  /**
   * Rebuilds the members now (INSERT ... SELECT): READY → REFRESHING (committed, so others see it)
   * → members rebuilt and READY in one transaction; a failure leaves the previous members.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long refresh(long listId) {
    DistributionLists self = session.getBusinessObject(DistributionLists.class);
    self.beginRefresh(listId);
    try {
      return self.rebuild(listId);
    } catch (RuntimeException e) {
      self.abortRefresh(listId);
      throw e;
    }
  }

  /** The same, in the background: the list page polls the status (progress). */
  @RolesAllowed({"campaign-admin", "marketer"})
  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Future<Long> refreshInBackground(long listId) {
    try {
      return new jakarta.ejb.AsyncResult<>(refresh(listId));
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "event=list-refresh-failed id=" + listId, e);
      throw e;
    }
  }

  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void beginRefresh(long listId) {
    DistributionList list = lockedList(listId);
    LocalDateTime started = list.getRefreshStartedAt();
    if (list.startRefresh(now(), refreshTimeout())) {
      LOG.warning(
          () -> "event=list-refresh-taken-over list=" + listId + " abandoned-start=" + started);
    }
  }

  /**
   * A rebuild of the list runs now: one that started longer than the refresh timeout ago does not.
   */
  public boolean isRefreshInProgress(DistributionList list) {
    return list.isRefreshInProgress(now(), refreshTimeout());
  }

  /**
   * The timer's: lists left REFRESHING by a rebuild that started longer than the refresh timeout
   * ago (its instance died) are READY again with their previous members. Rows another transaction
   * holds (a rebuild still running on some instance) are skipped; the UPDATE only moves a list that
   * is still REFRESHING since before the cut-off, so two instances never both act on one list.
   * Returns how many were freed.
   */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int releaseAbandonedRefreshes() {
    LocalDateTime cutoff = now().minus(refreshTimeout());
    return jdbc(
        c -> {
          List<Long> ids = new ArrayList<>();
          List<Timestamp> starts = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ID, REFRESH_STARTED_AT FROM CM_DISTRIBUTION_LIST WHERE STATUS ="
                      + " 'REFRESHING' AND (REFRESH_STARTED_AT IS NULL OR REFRESH_STARTED_AT <= ?)"
                      + " FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.valueOf(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
                starts.add(rs.getTimestamp(2));
              }
            }
          }
          int released = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE CM_DISTRIBUTION_LIST SET STATUS = 'READY', REFRESH_STARTED_AT = NULL,"
                      + " VERSION = VERSION + 1 WHERE ID = ? AND STATUS = 'REFRESHING'"
                      + " AND (REFRESH_STARTED_AT IS NULL OR REFRESH_STARTED_AT <= ?)")) {
            for (int i = 0; i < ids.size(); i++) {
              ps.setLong(1, ids.get(i));
              ps.setTimestamp(2, Timestamp.valueOf(cutoff));
              if (ps.executeUpdate() == 1) {
                released++;
                long id = ids.get(i);
                Timestamp started = starts.get(i);
                LOG.warning(
                    () ->
                        "event=list-refresh-abandoned list="
                            + id
                            + " started="
                            + (started == null ? "unknown" : started.toLocalDateTime()));
              }
            }
          }
          return released;
        });
  }

  /** Work that must not overlap a rebuild: refused while one runs, an abandoned one is released. */
  private void requireNoRefresh(DistributionList list) {
    if (list.isRefreshInProgress(now(), refreshTimeout())) {
      throw AudienceException.conflict("audience.error.refreshing", list.getName());
    }
    if (list.isRefreshing()) {
      LocalDateTime started = list.getRefreshStartedAt();
      list.abortRefresh();
      LOG.warning(
          () -> "event=list-refresh-abandoned list=" + list.getId() + " started=" + started);
    }
  }

  private Duration refreshTimeout() {
    return Duration.ofSeconds(refreshTimeoutSeconds);
  }

  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void abortRefresh(long listId) {
    DistributionList list = em.find(DistributionList.class, listId);
    if (list != null) {
      list.abortRefresh();
    }
  }

  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long rebuild(long listId) {
    DistributionList list = lockedList(listId);
    SegmentSql sql =
        segmentOf(list).map(s -> checked(criteria(s), listId)).orElse(SegmentSql.NOTHING);
    long start = System.nanoTime();
    LocalDateTime at = now();
    long members = jdbc(c -> ListMembership.materialise(c, listId, sql, at));
    Long matched =
        list.getSegmentId() == null ? null : jdbc(c -> ListMembership.count(c, sql).matched());
    long millis = (System.nanoTime() - start) / 1_000_000;
    list.finishRefresh(members, matched, at, millis);
    LOG.info(() -> "event=list-refreshed id=" + listId + " members=" + members + " ms=" + millis);
    return members;
  }

  /**
   * For mailings, when a send starts: a DYNAMIC list is re-evaluated, a STATIC one keeps its
   * snapshot; suppression is applied again either way. Returns the number of members.
   *
   * <p>Open to every caller: scheduled sends run without a user.
   *
   * @throws AudienceException (NOT_FOUND) for an unknown list, (CONFLICT) while it is refreshing
   */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long prepareForSend(long listId) {
    DistributionLists self = session.getBusinessObject(DistributionLists.class);
    DistributionList list = self.listForSend(listId);
    if (isRefreshInProgress(list)) {
      throw AudienceException.conflict("audience.error.refreshing", list.getName());
    }
    if (list.getKind() == ListKind.DYNAMIC) {
      self.beginRefresh(listId);
      try {
        return self.rebuild(listId);
      } catch (RuntimeException e) {
        self.abortRefresh(listId);
        throw e;
      }
    }
    return self.resuppress(listId);
  }

  @PermitAll
  public DistributionList listForSend(long listId) {
    return list(listId);
  }

  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long resuppress(long listId) {
    DistributionList list = lockedList(listId);
    requireNoRefresh(list);
    long members = jdbc(c -> ListMembership.applySuppression(c, listId));
    list.recount(members);
    return members;
  }

  private DistributionList lockedList(long listId) {
    DistributionList list = em.find(DistributionList.class, listId, LockModeType.PESSIMISTIC_WRITE);
    if (list == null) {
      throw AudienceException.notFound("audience.error.listNotFound", listId);
    }
    return list;
  }

  // --- members

  public long memberCount(long listId, String search) {
    list(listId);
    return jdbc(c -> ListMembership.memberCount(c, listId, search));
  }

  public List<ListMembership.MemberRow> members(long listId, String search, int first, int size) {
    list(listId);
    if (first < 0 || size < 1 || size > 500) {
      throw AudienceException.invalid("audience.error.paging");
    }
    return jdbc(c -> ListMembership.members(c, listId, search, first, size));
  }

  public List<ListMembership.Share> breakdown(long listId) {
    list(listId);
    return jdbc(c -> ListMembership.breakdown(c, listId));
  }

  public ListMembership.Explanation explain(long listId, String partyId) {
    list(listId);
    return jdbc(c -> ListMembership.explain(c, listId, partyId == null ? "" : partyId.strip()));
  }

  /**
   * Adds a contact by hand: it stays through refreshes; it becomes a member now unless suppressed
   * (the answer says why not). Lifts an exclusion of that contact.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public ListMembership.Explanation addContact(long listId, String partyId) {
    DistributionList list = lockedList(listId);
    String id = partyId == null ? "" : partyId.strip();
    if (id.isEmpty()
        || id.length() > 20
        || !exists("SELECT 1 FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?", id)) {
      throw AudienceException.invalid("audience.error.unknownContact", id);
    }
    LocalDateTime at = now();
    jdbc(
        c -> {
          update(c, "DELETE FROM CM_LIST_EXCLUSION WHERE LIST_ID = ? AND PARTY_ID = ?", listId, id);
          update(c, "DELETE FROM CM_LIST_ADDITION WHERE LIST_ID = ? AND PARTY_ID = ?", listId, id);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_LIST_ADDITION (LIST_ID, PARTY_ID, SOURCE, ADDED_BY, ADDED_AT)"
                      + " VALUES (?, ?, 'MANUAL', ?, ?)")) {
            ps.setLong(1, listId);
            ps.setString(2, id);
            ps.setString(3, caller());
            ps.setTimestamp(4, java.sql.Timestamp.valueOf(at));
            ps.executeUpdate();
          }
          return ListImport.addMembers(c, listId, "c.PARTY_ID = ?", List.of(id), "MANUAL", at);
        });
    list.recount(jdbc(c -> ListMembership.memberCount(c, listId)));
    return jdbc(c -> ListMembership.explain(c, listId, id));
  }

  /**
   * Takes a contact out of the list. With {@code exclude} it stays out through refreshes (until
   * {@link #liftExclusion}); without, a segment match brings it back at the next refresh.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public void removeMember(long listId, String partyId, boolean exclude) {
    DistributionList list = lockedList(listId);
    String id = partyId == null ? "" : partyId.strip();
    jdbc(
        c -> {
          update(c, "DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND PARTY_ID = ?", listId, id);
          update(c, "DELETE FROM CM_LIST_ADDITION WHERE LIST_ID = ? AND PARTY_ID = ?", listId, id);
          if (exclude) {
            update(
                c, "DELETE FROM CM_LIST_EXCLUSION WHERE LIST_ID = ? AND PARTY_ID = ?", listId, id);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO CM_LIST_EXCLUSION (LIST_ID, PARTY_ID, EXCLUDED_BY, EXCLUDED_AT)"
                        + " VALUES (?, ?, ?, ?)")) {
              ps.setLong(1, listId);
              ps.setString(2, id);
              ps.setString(3, caller());
              ps.setTimestamp(4, java.sql.Timestamp.valueOf(now()));
              ps.executeUpdate();
            }
          }
          return null;
        });
    list.recount(jdbc(c -> ListMembership.memberCount(c, listId)));
  }

  /**
   * A workflow's list steps: adds the contacts (kept through refreshes, as added by hand) or takes
   * them out (excluded, so a refresh keeps them out), set-based, in the caller's transaction.
   * Called by the workflow engine, which runs without a caller.
   */
  @PermitAll
  public void changeByWorkflow(long listId, List<String> parties, boolean add, String by) {
    if (parties.isEmpty()) {
      return;
    }
    DistributionList list = lockedList(listId);
    LocalDateTime at = now();
    jdbc(
        c -> {
          java.sql.Array ids = c.createArrayOf("VARCHAR", parties.toArray());
          for (String table : new String[] {"CM_LIST_EXCLUSION", "CM_LIST_ADDITION"}) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "DELETE FROM " + table + " WHERE LIST_ID = ? AND PARTY_ID = ANY (?)")) {
              ps.setLong(1, listId);
              ps.setArray(2, ids);
              ps.executeUpdate();
            }
          }
          if (add) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO CM_LIST_ADDITION (LIST_ID, PARTY_ID, SOURCE, ADDED_BY, ADDED_AT)"
                        + " SELECT ?, c.PARTY_ID, 'MANUAL', ?, ? FROM CM_CONTACT_INDEX c"
                        + " WHERE c.PARTY_ID = ANY (?)")) {
              ps.setLong(1, listId);
              ps.setString(2, by);
              ps.setTimestamp(3, java.sql.Timestamp.valueOf(at));
              ps.setArray(4, ids);
              ps.executeUpdate();
            }
            return ListImport.addMembers(
                c, listId, "c.PARTY_ID = ANY (?)", List.of(ids), "MANUAL", at);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND PARTY_ID = ANY (?)")) {
            ps.setLong(1, listId);
            ps.setArray(2, ids);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO CM_LIST_EXCLUSION (LIST_ID, PARTY_ID, EXCLUDED_BY, EXCLUDED_AT)"
                      + " SELECT ?, c.PARTY_ID, ?, ? FROM CM_CONTACT_INDEX c"
                      + " WHERE c.PARTY_ID = ANY (?)")) {
            ps.setLong(1, listId);
            ps.setString(2, by);
            ps.setTimestamp(3, java.sql.Timestamp.valueOf(at));
            ps.setArray(4, ids);
            ps.executeUpdate();
          }
          return 0L;
        });
    list.recount(jdbc(c -> ListMembership.memberCount(c, listId)));
  }

  /**
   * The contacts among {@code parties} who match the segment now, for a workflow's segment
   * condition (called by the engine, which runs without a caller).
   */
  @PermitAll
  public java.util.Set<String> matching(long segmentId, List<String> parties) {
    SegmentSql sql = checked(criteria(segment(segmentId)), null);
    return jdbc(c -> ListMembership.matching(c, sql, parties));
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public void liftExclusion(long listId, String partyId) {
    lockedList(listId);
    jdbc(
        c ->
            update(
                c,
                "DELETE FROM CM_LIST_EXCLUSION WHERE LIST_ID = ? AND PARTY_ID = ?",
                listId,
                partyId));
  }

  /** The excluded contacts of a list (ids), newest first. */
  public List<String> exclusions(long listId) {
    list(listId);
    return jdbc(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT PARTY_ID FROM CM_LIST_EXCLUSION WHERE LIST_ID = ?"
                      + " ORDER BY EXCLUDED_AT DESC, PARTY_ID FETCH FIRST 200 ROWS ONLY")) {
            ps.setLong(1, listId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          return ids;
        });
  }

  /** Imports a CSV of emails or party ids: all or nothing, with a report. */
  @RolesAllowed({"campaign-admin", "marketer"})
  public ListImport.Report importCsv(long listId, InputStream csv) {
    DistributionList list = lockedList(listId);
    requireNoRefresh(list);
    MemberCsv.Parsed parsed = MemberCsv.parse(csv, importMaxMegabytes * 1024 * 1024);
    ListImport.Report report = jdbc(c -> ListImport.apply(c, listId, parsed, caller(), now()));
    list.recount(jdbc(c -> ListMembership.memberCount(c, listId)));
    LOG.info(
        () ->
            "event=list-imported id="
                + listId
                + " rows="
                + report.rows()
                + " matched="
                + report.matched()
                + " added="
                + report.added());
    return report;
  }

  /** Streams the members as CSV (UTF-8), never holding them all: the database cursor pages. */
  public void exportCsv(long listId, OutputStream out) {
    list(listId);
    jdbc(
        c -> {
          boolean autoCommit = c.getAutoCommit();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT m.PARTY_ID, m.EMAIL, c.DISPLAY_NAME, c.CONTACT_TYPE, c.CITY, c.COUNTRY,"
                      + " m.SOURCE, m.ADDED_AT FROM CM_LIST_MEMBER m LEFT JOIN CM_CONTACT_INDEX c"
                      + " ON c.PARTY_ID = m.PARTY_ID WHERE m.LIST_ID = ? ORDER BY m.PARTY_ID")) {
            ps.setFetchSize(1000);
            ps.setLong(1, listId);
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            MemberCsv.Export csv = new MemberCsv.Export(w);
            csv.row(
                List.of(
                    "party_id", "email", "name", "type", "city", "country", "source", "added_at"));
            try (ResultSet rs = ps.executeQuery()) {
              List<String> cells = new ArrayList<>(8);
              while (rs.next()) {
                cells.clear();
                for (int i = 1; i <= 8; i++) {
                  Object v = rs.getObject(i);
                  cells.add(v == null ? null : v.toString());
                }
                csv.row(cells);
              }
            }
            w.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } finally {
            c.setAutoCommit(autoCommit);
          }
          return null;
        });
  }

  // --- plumbing

  private static int update(Connection c, String sql, long listId, String partyId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, listId);
      ps.setString(2, partyId);
      return ps.executeUpdate();
    }
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** JDBC work in the current transaction (the container enlists the connection). */
  <T> T jdbc(Work<T> work) {
    em.flush();
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("audiences SQL failed: " + e.getMessage(), e);
    }
  }

  private String caller() {
    return session.getCallerPrincipal().getName();
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
