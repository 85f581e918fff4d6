package org.erpcampaigns.audiences.boundary;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.platform.boundary.ApiError;
import org.erpcampaigns.platform.control.Messages;

/**
 * Bad segment or list input over REST: 400, 404 or 409 with the reason in the caller's language.
 */
@Provider
public class AudienceExceptionMapper implements ExceptionMapper<AudienceException> {
  @Context HttpHeaders headers;

  @Override
  public Response toResponse(AudienceException e) {
    Response.Status status =
        switch (e.getKind()) {
          case NOT_FOUND -> Response.Status.NOT_FOUND;
          case CONFLICT -> Response.Status.CONFLICT;
          case INVALID -> Response.Status.BAD_REQUEST;
        };
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status.getStatusCode(), AudienceMessages.text(locale(), e)))
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
