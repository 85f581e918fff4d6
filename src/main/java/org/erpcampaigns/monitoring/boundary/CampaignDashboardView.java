package org.erpcampaigns.monitoring.boundary;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.erpcampaigns.campaigns.boundary.CampaignFormats;
import org.erpcampaigns.campaigns.control.CampaignKpis;
import org.erpcampaigns.platform.boundary.Charts;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * A campaign's live dashboard: the page reads a new snapshot every two seconds while it is open, so
 * sends, opens, clicks, workflow states, costs and goals move by themselves.
 */
@Named
@ViewScoped
public class CampaignDashboardView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("dd.MM. HH:00");

  @EJB transient CampaignMonitor monitor;
  @Inject LocaleView localeView;

  private Long id;
  private transient CampaignMonitor.Snapshot snapshot;

  public void load() {
    if (id == null) {
      Feedback.error(Messages.get(locale(), "monitoring.error.noCampaign"));
      return;
    }
    try {
      snapshot = monitor.snapshot(id);
    } catch (RuleException e) {
      snapshot = null;
      Feedback.error(e.localised(locale()));
    }
  }

  /** The poll's action: the figures as they are now. */
  public void refresh() {
    if (id != null) {
      snapshot = monitor.snapshot(id);
    }
  }

  public CampaignMonitor.Snapshot getSnapshot() {
    return snapshot;
  }

  /** Queued: waiting to be sent or being sent. */
  public long getQueued() {
    return outbox("PENDING") + outbox("SENDING");
  }

  public long outbox(String state) {
    return snapshot == null ? 0 : snapshot.outbox().getOrDefault(state, 0L);
  }

  /** The receivers' reports about the sender's side, as sentences (empty: none). */
  public java.util.List<String> getSenderProblems() {
    return snapshot == null
        ? java.util.List.of()
        : SenderProblems.sentences(snapshot.engagement().senderProblems(), locale());
  }

  /** "hard 2 · soft 1 · policy 0": the bounces by what they mean. */
  public String getBounceKinds() {
    if (snapshot == null) {
      return "";
    }
    var e = snapshot.engagement();
    return Messages.get(
        locale(),
        "monitoring.bounceKinds",
        e.hardBounced().contacts(),
        e.softBounced().contacts(),
        e.policyRejected().contacts());
  }

  public String percent(BigDecimal value) {
    return CampaignFormats.percent(value, locale());
  }

  public String money(BigDecimal value) {
    return CampaignFormats.money(value, snapshot == null ? null : snapshot.currency(), locale());
  }

  /** A share (0..1) as a percentage with one decimal. */
  public String share(double fraction) {
    return percent(BigDecimal.valueOf(fraction * 100).setScale(1, java.math.RoundingMode.HALF_UP));
  }

  /** A split's confidence that its best way beats this one, as a whole percentage (or –). */
  public String confidence(Double c) {
    return percent(org.erpcampaigns.monitoring.entity.AbTest.percent(c));
  }

  public String moneyOf(double value) {
    return money(BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP));
  }

  public String count(long value) {
    return CampaignFormats.count(BigDecimal.valueOf(value), locale());
  }

  /** A goal's figure: a count, money or a percentage. */
  public String figure(CampaignKpis.Kpi kpi, BigDecimal value) {
    return CampaignFormats.figure(
        kpi, value, snapshot == null ? null : snapshot.currency(), locale());
  }

  /** The Chart.js configuration of sends, opens and clicks per hour (UTC). */
  public String getChart() {
    if (snapshot == null || snapshot.series().isEmpty()) {
      return "{}";
    }
    Locale l = locale();
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder sent = Json.createArrayBuilder();
    JsonArrayBuilder opened = Json.createArrayBuilder();
    JsonArrayBuilder clicked = Json.createArrayBuilder();
    for (CampaignMonitor.Hour h : snapshot.series()) {
      labels.add(HOUR.format(h.hour()));
      sent.add(h.sent());
      opened.add(h.opened());
      clicked.add(h.clicked());
    }
    JsonObjectBuilder data =
        Json.createObjectBuilder()
            .add("labels", labels)
            .add(
                "datasets",
                Json.createArrayBuilder()
                    .add(line(Messages.get(l, "monitoring.sent"), sent, "#1f4e79"))
                    .add(line(Messages.get(l, "monitoring.opened"), opened, "#15803d"))
                    .add(line(Messages.get(l, "monitoring.clicked"), clicked, "#f59e0b")));
    return Charts.config(
        "line",
        data,
        Messages.get(l, "monitoring.series"),
        Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true)));
  }

  private static JsonObjectBuilder line(String label, JsonArrayBuilder values, String colour) {
    return Json.createObjectBuilder()
        .add("label", label)
        .add("data", values)
        .add("borderColor", colour)
        .add("backgroundColor", colour)
        .add("tension", 0.2);
  }

  private Locale locale() {
    return localeView.getLocale();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }
}
