package org.erpcampaigns.campaigns.boundary;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.platform.boundary.ApiError;
import org.erpcampaigns.platform.control.Messages;

/**
 * A broken campaign rule over REST: 400 (bad input, a move the lifecycle does not have), 404
 * (unknown campaign or cost) or 409 (changed by someone else), with the same message as the UI in
 * the caller's Accept-Language.
 */
@Provider
public class CampaignErrors implements ExceptionMapper<CampaignRuleException> {
  @Context HttpHeaders headers;

  @Override
  public Response toResponse(CampaignRuleException e) {
    Response.Status status =
        switch (e.getKind()) {
          case NOT_FOUND -> Response.Status.NOT_FOUND;
          case CONFLICT -> Response.Status.CONFLICT;
          case INVALID -> Response.Status.BAD_REQUEST;
        };
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status.getStatusCode(), CampaignTexts.message(locale(), e)))
        .build();
  }

  private Locale locale() {
    List<Locale> accepted = headers == null ? List.of() : headers.getAcceptableLanguages();
    for (Locale l : accepted) {
      if (Messages.LANGUAGES.stream().anyMatch(s -> s.getLanguage().equals(l.getLanguage()))) {
        return Messages.supported(l);
      }
    }
    return Locale.ENGLISH;
  }
}
