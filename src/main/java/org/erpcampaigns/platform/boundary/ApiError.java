package org.erpcampaigns.platform.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;

/** The body of every REST error: the status and a message in the caller's language. */
public record ApiError(int status, String message) {

  public static Response response(
      Response.Status status, HttpHeaders headers, String key, Object... args) {
    return response(status, Messages.get(locale(headers), key, args));
  }

  static Response response(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status.getStatusCode(), message))
        .build();
  }

  static Locale locale(HttpHeaders headers) {
    return Messages.supported(headers == null ? List.of() : headers.getAcceptableLanguages());
  }
}
