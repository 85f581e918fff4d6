package org.erpcampaigns.mailings.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.campaigns.boundary.CampaignFormats;
import org.erpcampaigns.mailings.control.RelayBreaker;
import org.erpcampaigns.mailings.entity.MailingRefused;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.monitoring.entity.DeliveryRates;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.tracking.boundary.Engagement;
import org.erpcampaigns.tracking.entity.EngagementCounts;

/** A mailing's progress (polled): bar, counts by state, rate, time left; pause, resume, cancel. */
@Named
@ViewScoped
public class MailingProgressView implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB transient Mailings mailings;
  @EJB transient Engagement engagement;
  @Inject LocaleView localeView;

  private Long id;
  private MailingStatus status;
  private transient EngagementCounts counts;

  public void load() {
    if (id == null) {
      return;
    }
    try {
      status = mailings.status(id);
      counts = engagement.ofMailing(id);
    } catch (MailingRefused e) {
      status = null;
      Feedback.warn(e.localised(localeView.getLocale()));
    }
  }

  public void pause() {
    act(() -> mailings.pause(id), "mailing.paused");
  }

  public void resume() {
    act(() -> mailings.resume(id), "mailing.resumed");
  }

  public void cancel() {
    act(() -> mailings.cancel(id), "mailing.cancelled");
  }

  private void act(Runnable action, String doneKey) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      action.run();
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO, Messages.get(localeView.getLocale(), doneKey), null));
    } catch (MailingRefused e) {
      faces.addMessage(
          null,
          new FacesMessage(FacesMessage.SEVERITY_ERROR, e.localised(localeView.getLocale()), null));
    } catch (EJBAccessException e) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              Messages.get(localeView.getLocale(), "error.forbidden"),
              null));
    }
    load();
  }

  public List<OutboxState> getStates() {
    return List.of(OutboxState.values());
  }

  public boolean isRunning() {
    return status != null && !status.state().isFinished();
  }

  public boolean isPausable() {
    return status != null
        && (status.state() == MailingState.SENDING || status.state() == MailingState.SCHEDULED);
  }

  public boolean isResumable() {
    return status != null && status.state() == MailingState.PAUSED;
  }

  public String getRate() {
    return status == null
        ? ""
        : Messages.get(
            localeView.getLocale(),
            "mailing.perSecond",
            Math.round(status.sentPerSecond() * 10) / 10.0);
  }

  public String getEta() {
    if (status == null || status.etaSeconds() == null) {
      return Messages.get(localeView.getLocale(), "mailing.etaUnknown");
    }
    Duration d = Duration.ofSeconds(status.etaSeconds());
    return d.toHours() > 0
        ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
  }

  /**
   * While a mailing is being sent and this instance cannot reach the relay: since when, why and
   * when it tries again; null otherwise.
   */
  public String getRelayWarning() {
    return relayWarning(status, localeView.getLocale());
  }

  /** The warning for {@link #getRelayWarning()}, in {@code locale}. */
  static String relayWarning(MailingStatus status, Locale locale) {
    if (status == null || status.relayOutage() == null || status.state() != MailingState.SENDING) {
      return null;
    }
    RelayBreaker.Outage o = status.relayOutage();
    return Messages.get(
        locale, "mailing.relayDown", clock(o.since()), o.reason(), clock(o.retryAt()));
  }

  private static String clock(Instant t) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
  }

  /**
   * What the recipients did: opens, clicks, bounces, replies, unsubscribes (read again by a poll).
   */
  public void loadEngagement() {
    if (id != null && status != null) {
      counts = engagement.ofMailing(id);
    }
  }

  /** The receivers' reports about the sender's side, as sentences (empty: none). */
  public java.util.List<String> getSenderProblems() {
    return counts == null
        ? java.util.List.of()
        : org.erpcampaigns.monitoring.boundary.SenderProblems.sentences(
            counts.senderProblems(), localeView.getLocale());
  }

  public EngagementCounts getEngagement() {
    return counts;
  }

  public DeliveryRates getRates() {
    return counts == null ? null : DeliveryRates.of(counts);
  }

  public String percent(java.math.BigDecimal value) {
    return CampaignFormats.percent(value, localeView.getLocale());
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public MailingStatus getStatus() {
    return status;
  }
}
