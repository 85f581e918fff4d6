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
    Locale locale = locale(headers);
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status.getStatusCode(), Messages.get(locale, key, args)))
        .build();
  }

  static Locale locale(HttpHeaders headers) {
    List<Locale> accepted = headers == null ? List.of() : headers.getAcceptableLanguages();
    for (Locale l : accepted) {
      if (Messages.LANGUAGES.stream().anyMatch(s -> s.getLanguage().equals(l.getLanguage()))) {
        return Messages.supported(l);
      }
    }
    return Locale.ENGLISH;
  }
}
