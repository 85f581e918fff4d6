package org.erpcampaigns.platform.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Logger;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RequestOrigin;

/**
 * Refuses cross-site request forgery on the REST API: a browser sends the session cookie with a
 * form or a script of another site, so a change (POST, PUT, PATCH, DELETE) is taken only when the
 * browser says it comes from this application's own pages (Origin, or Referer without Origin, and
 * Sec-Fetch-Site). Scripts send neither and log in with HTTP Basic, which no other site can add to
 * a request; a request with neither the browser's headers nor a credential of its own (only the
 * cookie) must carry {@code X-Requested-With}, which a form cannot send and a script of another
 * site cannot send without the preflight this API never grants.
 */
@Provider
@PreMatching
public class CrossSiteRequestFilter implements ContainerRequestFilter {
  private static final Logger LOG = Logger.getLogger(CrossSiteRequestFilter.class.getName());
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Override
  public void filter(ContainerRequestContext request) {
    if (!CHANGES.contains(request.getMethod())) {
      return;
    }
    RequestOrigin origin =
        new RequestOrigin(
            request.getHeaderString(HttpHeaders.HOST),
            request.getHeaderString("Origin"),
            request.getHeaderString("Referer"),
            request.getHeaderString("Sec-Fetch-Site"),
            request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getHeaderString("X-Requested-With") != null);
    if (!origin.isSameSite()) {
      LOG.info(
          () ->
              "event=cross-site-request-refused method="
                  + request.getMethod()
                  + " path=/"
                  + request.getUriInfo().getPath()
                  + " origin="
                  + origin.claimed());
      request.abortWith(
          ApiError.response(
              Response.Status.FORBIDDEN,
              Messages.get(
                  Messages.supported(request.getAcceptableLanguages()), "error.crossSite")));
    }
  }
}
