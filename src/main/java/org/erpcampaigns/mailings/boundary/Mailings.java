package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.audiences.boundary.DistributionLists;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.campaigns.boundary.Campaigns;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.mailings.control.ContactLanguage;
import org.erpcampaigns.mailings.control.MailComposer;
import org.erpcampaigns.mailings.control.MailingContent;
import org.erpcampaigns.mailings.control.MessageRenderer;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.control.Recipient;
import org.erpcampaigns.mailings.control.TemplateError;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.Mailing;
import org.erpcampaigns.mailings.entity.MailingRefused;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.mailings.entity.TemplateVariant;
import org.erpcampaigns.platform.boundary.ApplicationSetup;
import org.erpcampaigns.platform.control.Bounds;

/**
 * Templates and mailings for the UI and the API: save (compiled and tried first), preview as a
 * contact, test send, send to a list now or at a time, pause, resume, cancel, progress. Reading is
 * open to every role; writing is for marketers and admins.
 */
@Stateless
@RolesAllowed({"campaign-admin", "marketer", "analyst"})
public class Mailings {
  private static final Logger LOG = Logger.getLogger(Mailings.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MessageRenderer RENDERER = new MessageRenderer();
  private static final int RATE_WINDOW_SECONDS = 30;

  @PersistenceContext EntityManager em;
  @Resource SessionContext context;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject OutgoingMail outgoingMail;

  @EJB MailingSender sender;
  @EJB DistributionLists distributionLists;
  @EJB Campaigns campaigns;

  // ---- templates

  public List<MailTemplate> templates() {
    return em.createQuery(
            "SELECT t FROM MailTemplate t ORDER BY t.updatedAt DESC", MailTemplate.class)
        .setMaxResults(500)
        .getResultList();
  }

  public Optional<MailTemplate> template(long id) {
    return Optional.ofNullable(em.find(MailTemplate.class, id));
  }

  /**
   * Saves a template after compiling every part of every language and rendering it for an example
   * contact: a template that does not compile, or reaches for Java methods or classes, is refused
   * with its language, part, line and reason. A template whose mailing is being sent stays as it
   * is.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public MailTemplate saveTemplate(TemplateDraft draft) {
    if (draft.variants == null || draft.variants.isEmpty()) {
      throw new MailingRefused("mailing.error.noVariant");
    }
    List<TemplateVariant> variants = new ArrayList<>();
    for (TemplateDraft.Variant v : draft.variants) {
      if (!ContactLanguage.isSupported(v.language)) {
        throw new MailingRefused("mailing.error.language", String.valueOf(v.language));
      }
      if (variants.stream().anyMatch(x -> x.getLanguage().equals(v.language))) {
        throw new MailingRefused("mailing.error.languageTwice", v.language);
      }
      TemplateVariant variant = new TemplateVariant(v.language, v.subject, v.html, v.text);
      tryOut(variant);
      variants.add(variant);
    }
    LocalDateTime now = now();
    MailTemplate t;
    if (draft.id == null) {
      t = new MailTemplate(context.getCallerPrincipal().getName(), now);
    } else {
      t = em.find(MailTemplate.class, draft.id, LockModeType.PESSIMISTIC_WRITE);
      if (t == null) {
        throw new MailingRefused("mailing.error.unknownTemplate", draft.id);
      }
      Long inUse =
          em.createQuery(
                  "SELECT COUNT(m) FROM Mailing m WHERE m.templateId = :t AND m.state IN :states",
                  Long.class)
              .setParameter("t", t.getId())
              .setParameter("states", List.of(MailingState.SENDING, MailingState.PAUSED))
              .getSingleResult();
      if (inUse > 0) {
        throw new MailingRefused("mailing.error.templateInUse");
      }
    }
    if (!ContactLanguage.isSupported(draft.defaultLanguage)) {
      throw new MailingRefused("mailing.error.language", String.valueOf(draft.defaultLanguage));
    }
    t.describe(
        draft.name,
        draft.campaignId,
        draft.senderName,
        draft.senderAddress,
        draft.replyTo,
        draft.defaultLanguage,
        now);
    t.replaceVariants(variants);
    if (t.getId() == null) {
      em.persist(t);
    }
    em.flush();
    LOG.info(() -> "event=mail-template-saved template=" + t.getId());
    return t;
  }

  private static void tryOut(TemplateVariant v) {
    try {
      CompiledVariant compiled = RENDERER.compile(v.getSubject(), v.getHtmlBody(), v.getTextBody());
      Recipient sample = Recipient.sample();
      RENDERER.render(
          compiled,
          sample.model(new Locale(v.getLanguage()), "https://example.com/unsubscribe"),
          sample.locale());
    } catch (TemplateError e) {
      throw new MailingRefused(
          "mailing.error.template", v.getLanguage(), e.getPart(), e.getLine(), e.getReason());
    }
  }

  /** A draft rendered for one contact (or the example contact when none is given). */
  public record Preview(String language, String subject, String html, String text, String to) {}

  public Preview preview(TemplateDraft draft, String language, String contactId) {
    Recipient r = recipient(contactId);
    String lang = language == null || language.isBlank() ? r.language() : language;
    TemplateDraft.Variant v = draft.variant(lang);
    if (v == null) {
      v = draft.variant(draft.defaultLanguage);
    }
    if (v == null) {
      throw new MailingRefused("mailing.error.noVariant");
    }
    try {
      CompiledVariant compiled = RENDERER.compile(v.subject, v.html, v.text);
      RenderedMessage m =
          RENDERER.render(compiled, r.model(new Locale(v.language), "#unsubscribe"), r.locale());
      return new Preview(v.language, m.subject(), m.html(), m.text(), r.email());
    } catch (TemplateError e) {
      throw new MailingRefused(
          "mailing.error.template", v.language, e.getPart(), e.getLine(), e.getReason());
    }
  }

  /**
   * Sends the draft, rendered as the contact (or the example contact), to a typed address, now,
   * with "[Test]" before the subject. No outbox row, no tracking; a message to one person, not to a
   * list: no list headers, no Precedence: bulk, and its From address as envelope sender (its bounce
   * is the tester's to read, and suppresses nobody).
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public String testSend(TemplateDraft draft, String language, String contactId, String address) {
    InternetAddress to;
    try {
      to = MailComposer.recipient(address == null ? "" : address.strip());
    } catch (AddressException e) {
      throw new MailingRefused("mailing.error.testAddress", String.valueOf(address));
    }
    String sender = MailTemplate.address(draft.senderAddress, "mailing.error.senderAddress");
    if (draft.senderName == null
        || draft.senderName.isBlank()
        || draft.senderName.chars().anyMatch(Character::isISOControl)) {
      throw new MailingRefused("mailing.error.senderNameRequired");
    }
    Preview p = preview(draft, language, contactId);
    MailingContent content =
        new MailingContent(
            0,
            0,
            draft.senderName.strip(),
            sender,
            blankToNull(draft.replyTo),
            draft.defaultLanguage,
            Map.of(),
            false);
    String messageId =
        MailComposer.messageId(
            0,
            "test" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36),
            MailComposer.domainOf(sender));
    try {
      MimeMessage m =
          MailComposer.compose(
              outgoingMail.interactiveSession(),
              content,
              to,
              new RenderedMessage("[Test] " + p.subject(), p.html(), p.text()),
              messageId,
              null);
      Transport.send(m);
    } catch (MessagingException e) {
      throw new MailingRefused("mailing.error.testFailed", e.getMessage());
    }
    LOG.info(() -> "event=mail-test-sent by=" + context.getCallerPrincipal().getName());
    return messageId;
  }

  private Recipient recipient(String contactId) {
    if (contactId == null || contactId.isBlank()) {
      return Recipient.sample();
    }
    try (Connection c = dataSource.getConnection()) {
      return Recipients.forContact(c, contactId.strip(), sender.orderView())
          .orElseThrow(() -> new MailingRefused("mailing.error.unknownContact", contactId));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- mailings

  /** A send request: template, campaign, list, when (null: now) in which zone, throttle. */
  public record SendRequest(
      long templateId,
      long campaignId,
      long listId,
      LocalDateTime sendAt,
      String timeZone,
      Integer throttlePerSecond) {}

  /**
   * Sends a template to a list now (its recipients are prepared at once) or at a time in a zone
   * (prepared then, so the list may still change). Refused, with the reason, for an unknown
   * template or list, a list being refreshed, and a list with nobody to send to.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public Mailing send(SendRequest r) {
    if (r.sendAt() != null && !Bounds.within(r.sendAt())) {
      throw new MailingRefused(
          "mailing.error.sendAtRange",
          r.sendAt().toString(),
          Bounds.FIRST_DATE.toString(),
          Bounds.LAST_DATE.toString());
    }
    MailTemplate t =
        template(r.templateId())
            .orElseThrow(() -> new MailingRefused("mailing.error.unknownTemplate", r.templateId()));
    Campaign campaign =
        campaigns
            .find(r.campaignId())
            .orElseThrow(() -> new MailingRefused("mailing.error.unknownCampaign", r.campaignId()));
    if (!campaign.getStatus().isOpen()) {
      throw new MailingRefused("mailing.error.campaignClosed", campaign.getName());
    }
    ZoneId campaignZone = campaign.getZoneId();
    ZoneId zone;
    try {
      zone =
          r.timeZone() == null || r.timeZone().isBlank() ? campaignZone : ZoneId.of(r.timeZone());
    } catch (DateTimeException e) {
      throw new MailingRefused("mailing.error.timeZone", String.valueOf(r.timeZone()));
    }
    LocalDateTime now = now();
    Mailing m =
        new Mailing(
            t.getId(),
            r.campaignId(),
            r.listId(),
            r.sendAt(),
            zone,
            r.throttlePerSecond(),
            context.getCallerPrincipal().getName(),
            now);
    boolean sendsNow = !m.getSendAt().isAfter(now);
    if (sendsNow) {
      // a dynamic list is re-evaluated now, so the counts below are the ones the send will use
      prepareList(r.listId());
    }
    DistributionListChoice list = list(r.listId());
    long[] counts = listCounts(r.listId());
    if (counts[1] == 0) {
      throw new MailingRefused(
          counts[0] == 0 ? "mailing.error.listEmpty" : "mailing.error.allSuppressed",
          list.name(),
          counts[0]);
    }
    boolean now_ = !m.getSendAt().isAfter(now);
    if (now_ && list.isRefreshing()) {
      throw new MailingRefused("mailing.error.listRefreshing", list.name());
    }
    em.persist(m);
    em.flush();
    if (now_) {
      start(m, false);
      sender.wakeUp();
    }
    LOG.info(
        () ->
            "event=mailing-created mailing="
                + m.getId()
                + " list="
                + m.getListId()
                + " state="
                + m.getState()
                + " recipients="
                + m.getRecipients());
    return m;
  }

  /** The timer's: the scheduled mailings whose time has come, the earliest first. */
  @PermitAll
  public List<Long> dueScheduled() {
    List<Long> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID FROM CM_MAILING WHERE STATE = 'SCHEDULED' AND SEND_AT <= ?"
                    + " ORDER BY SEND_AT")) {
      ps.setObject(1, now());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the scheduled mailings are unreadable", e);
    }
    return due;
  }

  /** The timer's: starts a scheduled mailing whose time has come (once, whichever instance). */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void startScheduled(long mailingId) {
    Mailing m = em.find(Mailing.class, mailingId, LockModeType.PESSIMISTIC_WRITE);
    if (m == null || m.getState() != MailingState.SCHEDULED || m.getSendAt().isAfter(now())) {
      return;
    }
    if (campaigns.find(m.getCampaignId()).map(c -> !c.getStatus().isOpen()).orElse(true)) {
      // completed or cancelled since it was scheduled: it takes no new sends
      m.cancel(now());
      LOG.info(() -> "event=mailing-cancelled-campaign-closed mailing=" + mailingId);
      return;
    }
    if (list(m.getListId()).isRefreshing()) {
      LOG.info(() -> "event=mailing-waits-for-list mailing=" + mailingId);
      return;
    }
    start(m, true);
  }

  private void start(Mailing m, boolean prepareList) {
    if (prepareList) {
      prepareList(m.getListId());
    }
    long[] prepared = prepareRecipients(m);
    m.start(prepared[0], prepared[1], now());
    em.flush();
    LOG.info(
        () ->
            "event=mailing-started mailing="
                + m.getId()
                + " recipients="
                + prepared[0]
                + " skipped="
                + prepared[1]);
  }

  /**
   * Audiences' preparation when a send starts: a dynamic list is re-evaluated (committed on its
   * own, suppression applied); a list being refreshed or gone is refused with the mailing's own
   * message. A static list is sent as its snapshot: suppressed addresses and opted-out contacts are
   * skipped when the outbox rows are made and checked again as each message is sent.
   */
  private void prepareList(long listId) {
    if (!isDynamic(listId)) {
      return;
    }
    try {
      distributionLists.prepareForSend(listId);
    } catch (AudienceException e) {
      if (e.getKind() == AudienceException.Kind.NOT_FOUND) {
        throw new MailingRefused("mailing.error.unknownList", listId);
      }
      throw new MailingRefused("mailing.error.listRefreshing", list(listId).name());
    }
  }

  /**
   * Prepares the recipients of a send: one outbox row per list member who may be mailed, in one
   * INSERT ... SELECT (suppressed addresses and opted-out contacts skipped). Returns {created,
   * skipped}. The list itself was prepared by {@link #prepareList} first.
   */
  long[] prepareRecipients(Mailing m) {
    DistributionListChoice list = list(m.getListId());
    if (list.isRefreshing()) {
      throw new MailingRefused("mailing.error.listRefreshing", list.name());
    }
    try (Connection c = dataSource.getConnection()) {
      long members = OutboxStore.listCounts(c, m.getListId())[0];
      int created =
          OutboxStore.enqueue(c, m.getId(), m.getCampaignId(), m.getListId(), m.getSendAt(), now());
      return new long[] {created, members - created};
    } catch (SQLException e) {
      throw new IllegalStateException("the recipients of mailing " + m.getId() + " failed", e);
    }
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public Mailing pause(long mailingId) {
    Mailing m = lockedMailing(mailingId);
    m.pause();
    sender.forget(mailingId);
    LOG.info(() -> "event=mailing-paused mailing=" + mailingId);
    return m;
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public Mailing resume(long mailingId) {
    Mailing m = lockedMailing(mailingId);
    m.resume();
    em.flush();
    sender.forget(mailingId);
    sender.wakeUp();
    LOG.info(() -> "event=mailing-resumed mailing=" + mailingId);
    return m;
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public Mailing cancel(long mailingId) {
    Mailing m = lockedMailing(mailingId);
    m.cancel(now());
    em.flush();
    try (Connection c = dataSource.getConnection()) {
      int cancelled = OutboxStore.cancelUnsent(c, mailingId, sender.maxAttempts());
      LOG.info(() -> "event=mailing-cancelled mailing=" + mailingId + " unsent=" + cancelled);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    sender.forget(mailingId);
    return m;
  }

  @RolesAllowed({"campaign-admin", "marketer"})
  public Mailing changeThrottle(long mailingId, Integer perSecond) {
    Mailing m = lockedMailing(mailingId);
    m.changeThrottle(perSecond);
    sender.forget(mailingId);
    return m;
  }

  private Mailing lockedMailing(long id) {
    Mailing m = em.find(Mailing.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (m == null) {
      throw new MailingRefused("mailing.error.unknownMailing", id);
    }
    return m;
  }

  public Optional<Mailing> mailing(long id) {
    return Optional.ofNullable(em.find(Mailing.class, id));
  }

  public List<Mailing> mailings() {
    return em.createQuery("SELECT m FROM Mailing m ORDER BY m.id DESC", Mailing.class)
        .setMaxResults(200)
        .getResultList();
  }

  public MailingStatus status(long mailingId) {
    Mailing m =
        mailing(mailingId)
            .orElseThrow(() -> new MailingRefused("mailing.error.unknownMailing", mailingId));
    em.refresh(m);
    Map<OutboxState, Long> counts;
    long recent;
    try (Connection c = dataSource.getConnection()) {
      counts = OutboxStore.counts(c, mailingId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT'"
                  + " AND SENT_AT >= ?")) {
        ps.setLong(1, mailingId);
        ps.setObject(2, now().minusSeconds(RATE_WINDOW_SECONDS));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          recent = rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long open =
        counts.get(OutboxState.PENDING) + counts.get(OutboxState.SENDING) + retryable(mailingId);
    double rate = recent / (double) RATE_WINDOW_SECONDS;
    Long eta = rate > 0 && open > 0 ? (long) Math.ceil(open / rate) : null;
    int percent =
        total == 0
            ? (m.getState() == MailingState.COMPLETED ? 100 : 0)
            : (int) ((total - open) * 100 / total);
    String templateName = template(m.getTemplateId()).map(MailTemplate::getName).orElse("");
    String listName = list(m.getListId()).name();
    return new MailingStatus(
        m.getId(),
        m.getCampaignId(),
        m.getTemplateId(),
        templateName,
        m.getListId(),
        listName,
        m.getState(),
        m.getSendAt(),
        m.getTimeZone(),
        m.getThrottlePerSecond(),
        m.getRecipients(),
        m.getSkipped(),
        counts,
        rate,
        eta,
        percent,
        sender.relayOutage().orElse(null));
  }

  private long retryable(long mailingId) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'FAILED'"
                        + " AND ATTEMPTS < ?")
                .setParameter(1, mailingId)
                .setParameter(2, sender.maxAttempts())
                .getSingleResult())
        .longValue();
  }

  // ---- distribution lists (owned by audiences; read here for the send dialog)

  public List<DistributionListChoice> lists() {
    List<DistributionListChoice> lists = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID, NAME, STATUS, MEMBER_COUNT FROM CM_DISTRIBUTION_LIST ORDER BY NAME")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lists.add(
              new DistributionListChoice(
                  rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return lists;
  }

  private boolean isDynamic(long listId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT KIND FROM CM_DISTRIBUTION_LIST WHERE ID = ?")) {
      ps.setLong(1, listId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && "DYNAMIC".equals(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  DistributionListChoice list(long listId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID, NAME, STATUS, MEMBER_COUNT FROM CM_DISTRIBUTION_LIST WHERE ID = ?")) {
      ps.setLong(1, listId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new MailingRefused("mailing.error.unknownList", listId);
        }
        return new DistributionListChoice(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long[] listCounts(long listId) {
    try (Connection c = dataSource.getConnection()) {
      return OutboxStore.listCounts(c, listId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- for the sender

  /** A mailing's template, compiled in every language (read with plain JDBC by the sender). */
  static MailingContent content(
      Connection c, MessageRenderer renderer, long mailingId, long campaignId, long templateId)
      throws SQLException {
    String senderName;
    String senderAddress;
    String replyTo;
    String defaultLanguage;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT SENDER_NAME, SENDER_ADDRESS, REPLY_TO, DEFAULT_LANGUAGE FROM CM_MAIL_TEMPLATE"
                + " WHERE ID = ?")) {
      ps.setLong(1, templateId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("template " + templateId + " is missing");
        }
        senderName = rs.getString(1);
        senderAddress = rs.getString(2);
        replyTo = rs.getString(3);
        defaultLanguage = rs.getString(4);
      }
    }
    Map<String, CompiledVariant> variants = new HashMap<>();
    boolean orders = false;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT LANGUAGE, SUBJECT, HTML_BODY, TEXT_BODY FROM CM_MAIL_TEMPLATE_VARIANT"
                + " WHERE TEMPLATE_ID = ?")) {
      ps.setLong(1, templateId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          variants.put(
              rs.getString(1), renderer.compile(rs.getString(2), rs.getString(3), rs.getString(4)));
          orders |=
              MailingContent.mentionsOrders(rs.getString(2), rs.getString(3), rs.getString(4));
        }
      }
    }
    return new MailingContent(
        mailingId,
        campaignId,
        senderName,
        senderAddress,
        replyTo,
        defaultLanguage,
        Map.copyOf(variants),
        orders);
  }

  /** Time zones for the send dialog: the common ones first. */
  public static List<String> timeZones() {
    Map<String, Boolean> zones = new LinkedHashMap<>();
    for (String z :
        List.of(
            "UTC",
            "Europe/Rome",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Amsterdam",
            "Europe/London",
            "America/New_York",
            "America/Los_Angeles",
            "Asia/Tokyo")) {
      zones.put(z, true);
    }
    ZoneId.getAvailableZoneIds().stream().sorted().forEach(z -> zones.putIfAbsent(z, true));
    return List.copyOf(zones.keySet());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
