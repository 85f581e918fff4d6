package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.erpcampaigns.platform.control.LoginThrottle;
import org.erpcampaigns.platform.control.ReturnAddress;
import org.erpcampaigns.platform.control.UserAccounts;

/**
 * Who may use erp-campaigns. Screens use a form login (the login page calls {@code
 * SecurityContext.authenticate}); the REST API also takes HTTP Basic, so scripts need no session.
 * Unauthenticated requests for a protected page go to the login page, for the API get a 401. Users
 * and roles come from the CM_USER tables; the host portal's single sign-on replaces this mechanism
 * with Jakarta Security's OpenID Connect one (see the README).
 */
@ApplicationScoped
@AutoApplySession
@DeclareRoles({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = ApplicationSetup.DATASOURCE,
    callerQuery = "SELECT PASSWORD_HASH FROM CM_USER WHERE USERNAME = ? AND ENABLED = 'Y'",
    groupsQuery = "SELECT ROLE_NAME FROM CM_USER_ROLE WHERE USERNAME = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class)
public class Authentication implements HttpAuthenticationMechanism {
  public static final String LOGIN_PAGE = "/login.xhtml";
  static final String RETURN_TO = "erp-campaigns.return-to";

  /** The request attribute that tells the login form how many seconds a throttled login waits. */
  static final String LOGIN_WAIT = "erp-campaigns.login-wait";

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(Authentication.class.getName());

  /** How often a user's login is recorded at most (HTTP Basic logs in with every request). */
  private static final java.time.Duration LOGIN_RECORDED_EVERY = java.time.Duration.ofMinutes(1);

  @Inject IdentityStoreHandler identityStores;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  private final Map<String, LocalDateTime> loginsRecorded = new ConcurrentHashMap<>();

  private final LoginThrottle throttle = new LoginThrottle(java.time.Clock.systemUTC());

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential != null) {
      return validate(context, credential);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      UsernamePasswordCredential basic = basic(authorization.substring(6).strip());
      if (basic == null) {
        return challenge(context);
      }
      AuthenticationStatus status = validate(context, basic);
      if (request.getAttribute(LOGIN_WAIT) instanceof Long wait) {
        context.getResponse().setHeader("Retry-After", String.valueOf(wait));
        try {
          context.getResponse().sendError(429);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
      }
      return status == AuthenticationStatus.SUCCESS ? status : challenge(context);
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    if (isApi(request)) {
      return challenge(context);
    }
    if (isPageRequest(request)) {
      String target = request.getRequestURI();
      if (request.getQueryString() != null) {
        target += "?" + request.getQueryString();
      }
      // an address that would lead off the site is not kept: the login then goes home
      ReturnAddress.inApplication(request.getContextPath(), target)
          .ifPresentOrElse(
              t -> request.getSession().setAttribute(RETURN_TO, t),
              () -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                  session.removeAttribute(RETURN_TO);
                }
              });
    }
    return context.redirect(request.getContextPath() + LOGIN_PAGE);
  }

  private AuthenticationStatus validate(HttpMessageContext context, Credential credential) {
    String user = credential instanceof UsernamePasswordCredential u ? u.getCaller() : "";
    String address = context.getRequest().getRemoteAddr();
    java.time.Duration wait = throttle.waitFor(user, address);
    if (!wait.isZero()) {
      // not even checked: a guesser learns nothing while it waits
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      context.getRequest().setAttribute(LOGIN_WAIT, seconds);
      LOG.warning(
          () ->
              "event=login-throttled user=" + user + " address=" + address + " wait_s=" + seconds);
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      throttle.succeeded(user, address);
      recordLogin(result.getCallerPrincipal().getName());
      return context.notifyContainerAboutLogin(result);
    }
    throttle.failed(user, address);
    // No error page: the login form shows its own message.
    return AuthenticationStatus.SEND_FAILURE;
  }

  /**
   * Notes when the user logged in, for the admin's user list; at most once a minute per instance
   * and user, and never at the price of the login itself.
   */
  private void recordLogin(String user) {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    LocalDateTime notBefore = now.minus(LOGIN_RECORDED_EVERY);
    LocalDateTime last = loginsRecorded.get(user);
    if (last != null && last.isAfter(notBefore)) {
      return;
    }
    loginsRecorded.put(user, now);
    try (Connection c = dataSource.getConnection()) {
      UserAccounts.recordLogin(c, user, now, notBefore);
    } catch (SQLException e) {
      LOG.warning(() -> "event=login-not-recorded user=" + user + " reason=" + e.getMessage());
    }
  }

  private static AuthenticationStatus challenge(HttpMessageContext context) {
    context.getResponse().setHeader("WWW-Authenticate", "Basic realm=\"erp-campaigns\"");
    return context.responseUnauthorized();
  }

  /** A page the user asked for (not a favicon or a script), worth returning to after login. */
  private static boolean isPageRequest(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
  }

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  private static UsernamePasswordCredential basic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new UsernamePasswordCredential(
          decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
