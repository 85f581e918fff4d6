package org.erpcampaigns.platform.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Messages for the page's message area (p:messages), already in the user's language. */
public final class Feedback {
  private Feedback() {}

  public static void info(String text) {
    add(FacesMessage.SEVERITY_INFO, text);
  }

  public static void warn(String text) {
    add(FacesMessage.SEVERITY_WARN, text);
  }

  public static void error(String text) {
    add(FacesMessage.SEVERITY_ERROR, text);
  }

  public static void add(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
