package org.erpcampaigns.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;

/** Who is logged in and what they may do, for the pages. */
@Named
@RequestScoped
public class UserView {
  @Inject SecurityContext securityContext;

  public String getName() {
    Principal p = securityContext.getCallerPrincipal();
    return p == null ? null : p.getName();
  }

  public boolean isAdmin() {
    return securityContext.isCallerInRole(Roles.ADMIN);
  }

  /** Admins and marketers change things; analysts only read. */
  public boolean isEditor() {
    return isAdmin() || securityContext.isCallerInRole(Roles.MARKETER);
  }

  public String getRole() {
    if (isAdmin()) {
      return Roles.ADMIN;
    }
    return securityContext.isCallerInRole(Roles.MARKETER) ? Roles.MARKETER : Roles.ANALYST;
  }

  public void logout() throws ServletException, IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    request.logout();
    external.invalidateSession();
    external.redirect(request.getContextPath() + Authentication.LOGIN_PAGE);
  }
}
