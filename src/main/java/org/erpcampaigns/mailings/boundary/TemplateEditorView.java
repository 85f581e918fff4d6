package org.erpcampaigns.mailings.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import org.erpcampaigns.campaigns.boundary.CampaignPickerView;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.Mailing;
import org.erpcampaigns.mailings.entity.MailingRefused;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/**
 * The template editor: sender, language variants (one edited at a time), a live preview as a chosen
 * contact, a test send to a typed address, and the send dialog (list, now or at a time in a zone,
 * throttle).
 */
@Named
@ViewScoped
public class TemplateEditorView implements Serializable {
  private static final long serialVersionUID = 1L;
  static final List<String> LANGUAGES = List.of("en", "it", "fr", "de", "nl");

  @EJB transient Mailings mailings;
  @Inject LocaleView localeView;
  @Inject CampaignPickerView campaignPicker;

  private Long id;
  private TemplateDraft draft;
  private String language = "en";
  private String previewContact;
  private Mailings.Preview preview;
  private String previewError;
  private String testAddress;

  private Long listId;
  private Long campaignId;
  private boolean later;
  private LocalDateTime sendAt;
  private String timeZone = "Europe/Rome";
  private Integer throttle;
  private List<DistributionListChoice> lists;

  public void load() {
    if (draft != null) {
      return;
    }
    if (id != null) {
      MailTemplate t = mailings.template(id).orElse(null);
      if (t == null) {
        message(FacesMessage.SEVERITY_WARN, "mailing.error.unknownTemplate", id);
        draft = starter();
      } else {
        draft = TemplateDraft.of(t);
        campaignId = t.getCampaignId();
        if (campaignId != null && !campaignPicker.known(campaignId.toString())) {
          // kept as it is (saving does not drop it), but a send needs another campaign
          message(FacesMessage.SEVERITY_WARN, "mailing.unknownTemplateCampaign", campaignId);
          campaignId = null;
        }
      }
    } else {
      draft = starter();
    }
    language = draft.defaultLanguage;
    refreshPreview();
  }

  private TemplateDraft starter() {
    TemplateDraft d = new TemplateDraft();
    d.defaultLanguage = "en";
    d.senderName = "";
    d.variants.add(
        new TemplateDraft.Variant(
            "en",
            "Hello {{ contact.firstName | default(\"there\") }}",
            "<html><body>\n<p>Dear {{ contact.firstName | default(\"customer\") }},</p>\n"
                + "<p>...</p>\n<p><a href=\"{{ unsubscribeUrl }}\">Unsubscribe</a></p>\n"
                + "</body></html>",
            null));
    return d;
  }

  /** The variant being edited (created from the fallback language's when new). */
  public TemplateDraft.Variant getVariant() {
    TemplateDraft.Variant v = draft.variant(language);
    if (v == null) {
      TemplateDraft.Variant base = draft.variant(draft.defaultLanguage);
      v =
          base == null
              ? new TemplateDraft.Variant(language, "", "", null)
              : new TemplateDraft.Variant(language, base.subject, base.html, base.text);
      draft.variants.add(v);
    }
    return v;
  }

  public void refreshPreview() {
    try {
      preview = mailings.preview(draft, language, previewContact);
      previewError = null;
    } catch (MailingRefused e) {
      previewError = e.localised(localeView.getLocale());
    } catch (EJBException e) {
      previewError = cause(e);
    }
  }

  // a refusal of these actions is shown by RefusalExceptionHandlerFactory, in the page's messages

  public void save() {
    MailTemplate t = mailings.saveTemplate(draft);
    draft = TemplateDraft.of(t);
    id = t.getId();
    message(FacesMessage.SEVERITY_INFO, "mailing.saved");
  }

  public void testSend() {
    mailings.testSend(draft, language, previewContact, testAddress);
    message(FacesMessage.SEVERITY_INFO, "mailing.testSent", testAddress);
  }

  public void openSendDialog() {
    lists = mailings.lists();
    // the template's campaign, unless it is closed: the dialog offers open campaigns only
    if (campaignId == null && campaignPicker.open(text(draft.campaignId))) {
      campaignId = draft.campaignId;
    }
  }

  public void send() throws IOException {
    if (draft.id == null) {
      message(FacesMessage.SEVERITY_WARN, "mailing.error.unknownTemplate", "-");
      return;
    }
    if (listId == null || campaignId == null) {
      message(FacesMessage.SEVERITY_WARN, "mailing.error.sendIncomplete");
      return;
    }
    Mailing m =
        mailings.send(
            new Mailings.SendRequest(
                draft.id, campaignId, listId, later ? sendAt : null, timeZone, throttle));
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().getFlash().setKeepMessages(true);
    message(FacesMessage.SEVERITY_INFO, "mailing.created", m.getId());
    faces
        .getExternalContext()
        .redirect(
            faces.getExternalContext().getRequestContextPath()
                + "/mailings/mailing.xhtml?id="
                + m.getId());
  }

  private void message(FacesMessage.Severity severity, String key, Object... args) {
    Feedback.add(severity, Messages.get(localeView.getLocale(), key, args));
  }

  private String cause(EJBException e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c instanceof MailingRefused r ? r.localised(localeView.getLocale()) : c.getMessage();
  }

  public List<String> getLanguages() {
    return LANGUAGES;
  }

  public List<String> getTimeZones() {
    return Mailings.timeZones();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public TemplateDraft getDraft() {
    return draft;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = LANGUAGES.contains(language) ? language : "en";
  }

  public String getPreviewContact() {
    return previewContact;
  }

  public void setPreviewContact(String previewContact) {
    this.previewContact = previewContact;
  }

  public Mailings.Preview getPreview() {
    return preview;
  }

  public String getPreviewError() {
    return previewError;
  }

  public String getTestAddress() {
    return testAddress;
  }

  public void setTestAddress(String testAddress) {
    this.testAddress = testAddress;
  }

  public Long getListId() {
    return listId;
  }

  public void setListId(Long listId) {
    this.listId = listId;
  }

  /** The template's own campaign, as the campaign picker holds it (its id as text). */
  public String getTemplateCampaign() {
    return text(draft.campaignId);
  }

  public void setTemplateCampaign(String id) {
    draft.campaignId = id(id);
  }

  /** The campaign the send counts for (the template's by default), as the picker holds it. */
  public String getSendCampaign() {
    return text(campaignId);
  }

  public void setSendCampaign(String id) {
    campaignId = id(id);
  }

  private static String text(Long id) {
    return id == null ? null : id.toString();
  }

  private static Long id(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public boolean isLater() {
    return later;
  }

  public void setLater(boolean later) {
    this.later = later;
  }

  public LocalDateTime getSendAt() {
    return sendAt;
  }

  public void setSendAt(LocalDateTime sendAt) {
    this.sendAt = sendAt;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Integer getThrottle() {
    return throttle;
  }

  public void setThrottle(Integer throttle) {
    this.throttle = throttle;
  }

  public List<DistributionListChoice> getLists() {
    return lists;
  }
}
