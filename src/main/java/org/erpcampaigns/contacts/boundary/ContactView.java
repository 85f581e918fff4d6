package org.erpcampaigns.contacts.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.stream.Collectors;
import org.erpcampaigns.contacts.control.Countries;
import org.erpcampaigns.platform.boundary.Feedback;
import org.erpcampaigns.platform.boundary.LocaleView;
import org.erpcampaigns.platform.control.Messages;

/** One contact's page: who they are, how to reach them, what they bought, their consent. */
@Named
@ViewScoped
public class ContactView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject ContactDirectory directory;
  @Inject LocaleView localeView;

  private String id;
  private ContactDetail detail;
  private String optOutReason;

  /** Loads the contact named by the id parameter; an unknown id is a clear message and a 404. */
  public void load() {
    detail = directory.find(id).map(directory::detail).orElse(null);
    if (detail == null) {
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.getExternalContext().setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
      message(FacesMessage.SEVERITY_WARN, "error.contact.unknown", id == null ? "" : id);
    }
  }

  // a refusal of these actions is shown by RefusalExceptionHandlerFactory, in the page's messages

  public void recordOptOut() {
    directory.recordOptOut(id, optOutReason);
    optOutReason = null;
    load();
    message(FacesMessage.SEVERITY_INFO, "contact.optOut.recorded");
  }

  public void withdrawOptOut() {
    directory.withdrawOptOut(id);
    load();
    message(FacesMessage.SEVERITY_INFO, "contact.optOut.withdrawn");
  }

  /**
   * An amount in its currency, formatted for the user's language; an unknown currency code is shown
   * beside the plain number.
   */
  public String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "";
    }
    Locale locale = localeView.getLocale();
    try {
      NumberFormat format = NumberFormat.getCurrencyInstance(locale);
      format.setCurrency(Currency.getInstance(currency));
      return format.format(amount);
    } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
      NumberFormat plain = NumberFormat.getNumberInstance(locale);
      plain.setMinimumFractionDigits(2);
      plain.setMaximumFractionDigits(2);
      return (plain.format(amount) + " " + (currency == null ? "" : currency)).strip();
    }
  }

  public String countryName(String code) {
    return Countries.name(code, localeView.getLocale());
  }

  /** The contact's purposes as readable labels ("PRIMARY_EMAIL,MARKETING_EMAIL"). */
  public String purposes(String ids) {
    if (ids == null || ids.isBlank()) {
      return "";
    }
    return Arrays.stream(ids.split(","))
        .map(p -> localeView.label("purpose.", p))
        .collect(Collectors.joining(", "));
  }

  private void message(FacesMessage.Severity severity, String key, Object... args) {
    Feedback.add(severity, Messages.get(localeView.getLocale(), key, args));
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public ContactDetail getDetail() {
    return detail;
  }

  public String getOptOutReason() {
    return optOutReason;
  }

  public void setOptOutReason(String optOutReason) {
    this.optOutReason = optOutReason;
  }
}
