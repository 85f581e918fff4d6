package org.erpcampaigns.platform.boundary;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Logger;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.ReturnAddress;

/** The login form. A wrong login gets one clear message that does not say which part was wrong. */
@Named
@RequestScoped
public class LoginView {
  private static final Logger LOG = Logger.getLogger(LoginView.class.getName());

  @Inject SecurityContext securityContext;
  @Inject LocaleView localeView;

  private String username;
  private String password;

  public void login() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String name = username == null ? "" : username.strip();
    AuthenticationStatus status =
        securityContext.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            withParams()
                .credential(new UsernamePasswordCredential(name, password == null ? "" : password))
                .newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      LOG.info(() -> "event=login user=" + name);
      HttpSession session = request.getSession();
      Object target = session.getAttribute(Authentication.RETURN_TO);
      session.removeAttribute(Authentication.RETURN_TO);
      external.redirect(
          ReturnAddress.inApplication(
                  request.getContextPath(), target instanceof String t ? t : null)
              .orElse(request.getContextPath() + "/contacts/"));
      faces.responseComplete();
    } else {
      LOG.info(() -> "event=login-failed user=" + name);
      Object wait = request.getAttribute(Authentication.LOGIN_WAIT);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              wait instanceof Long seconds
                  ? Messages.get(localeView.getLocale(), "login.wait", seconds)
                  : Messages.get(localeView.getLocale(), "login.failed"),
              null));
    }
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
