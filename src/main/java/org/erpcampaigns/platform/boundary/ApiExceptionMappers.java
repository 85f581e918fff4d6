package org.erpcampaigns.platform.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonGenerationException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.contacts.boundary.UnknownContactException;
import org.erpcampaigns.platform.control.RuleException;

/** Turns failures into clear, localised JSON errors; never a stack trace to the caller. */
public final class ApiExceptionMappers {
  private static final Pattern JSONB_PROPERTY = Pattern.compile("property '([^']{1,100})'");
  private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class.getName());

  private ApiExceptionMappers() {}

  /** A contact id the ERP does not know: 404. */
  @Provider
  public static class UnknownContact implements ExceptionMapper<UnknownContactException> {
    @Context HttpHeaders headers;

    @Override
    public Response toResponse(UnknownContactException e) {
      return ApiError.response(
          Response.Status.NOT_FOUND, headers, "error.contact.unknown", e.getContactId());
    }
  }

  /**
   * A broken rule of a capability (campaigns, audiences, mailings): 404 (unknown), 409 (changed by
   * someone else, busy) or 400 (bad input), with the same message as the UI.
   */
  @Provider
  public static class RuleBroken implements ExceptionMapper<RuleException> {
    @Context HttpHeaders headers;

    @Override
    public Response toResponse(RuleException e) {
      Response.Status status =
          switch (e.getKind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case INVALID -> Response.Status.BAD_REQUEST;
          };
      return ApiError.response(status, e.localised(ApiError.locale(headers)));
    }
  }

  /** A role that may not do this (an analyst changing data): 403. */
  @Provider
  public static class AccessDenied implements ExceptionMapper<EJBAccessException> {
    @Context HttpHeaders headers;

    @Override
    public Response toResponse(EJBAccessException e) {
      return ApiError.response(Response.Status.FORBIDDEN, headers, "error.forbidden");
    }
  }

  /**
   * Everything else: a body that is not the JSON it should be, or a query value of the wrong type,
   * is a 400 that says so (and names the field where the parser knows it); JAX-RS's own statuses
   * are kept; unexpected failures are logged with a reference.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<Exception> {
    @Context HttpHeaders headers;
    @Context UriInfo uri;

    @Override
    public Response toResponse(Exception e) {
      Response badInput = badBody(e, headers);
      if (badInput == null) {
        badInput = badQueryValue(e, headers, uri);
      }
      if (badInput != null) {
        return badInput;
      }
      if (e instanceof WebApplicationException w
          && w.getResponse().hasEntity()
          && w.getResponse().getStatus() < 500) {
        return w.getResponse(); // already a refusal with its message (JsonObjectReader)
      }
      if (e instanceof WebApplicationException w) {
        Response.Status status = Response.Status.fromStatusCode(w.getResponse().getStatus());
        if (status == Response.Status.NOT_FOUND) {
          return ApiError.response(status, headers, "error.notFound");
        }
        if (status != null && status.getFamily() == Response.Status.Family.CLIENT_ERROR) {
          return ApiError.response(status, headers, "error.badRequest");
        }
      }
      Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof EJBAccessException) {
        return ApiError.response(Response.Status.FORBIDDEN, headers, "error.forbidden");
      }
      if (cause instanceof UnknownContactException u) {
        return new UnknownContact().toResponse(u);
      }
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "event=api-error reference=" + reference, e);
      return ApiError.response(
          Response.Status.INTERNAL_SERVER_ERROR, headers, "error.unexpected", reference);
    }
  }

  /**
   * A request body that JSON-B refused for a record parameter (JsonObject parameters are read by
   * {@link JsonObjectReader}) or that JSON-P refused: malformed, truncated, nested too deep, an
   * array or a string where an object belongs, a text where a number belongs, or no body at all.
   * Null when the failure is something else.
   */
  static Response badBody(Throwable e, HttpHeaders headers) {
    boolean reading = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonGenerationException) {
        return null; // writing our own answer failed: that is ours, not the caller's
      }
      if (t instanceof NoContentException) {
        return ApiError.response(Response.Status.BAD_REQUEST, headers, "error.bodyEmpty");
      }
      if (t instanceof JsonbException && t.getMessage() != null) {
        Matcher property = JSONB_PROPERTY.matcher(t.getMessage());
        if (property.find()) {
          return ApiError.response(
              Response.Status.BAD_REQUEST, headers, "error.bodyField", property.group(1));
        }
      }
      if (t instanceof JsonParsingException p) {
        JsonLocation at = p.getLocation();
        if (at != null && at.getLineNumber() > 0) {
          return ApiError.response(
              Response.Status.BAD_REQUEST,
              headers,
              "error.body",
              at.getLineNumber(),
              at.getColumnNumber());
        }
      }
      reading |=
          t instanceof JsonException
              || t instanceof JsonbException
              || t instanceof ProcessingException;
    }
    return reading
        ? ApiError.response(Response.Status.BAD_REQUEST, headers, "error.bodyInvalid")
        : null;
  }

  /**
   * A query value that does not convert to its parameter's type ({@code ?first=abc}): JAX-RS
   * answers 404 for it (the resource "does not exist" for that value), which tells the caller
   * nothing. Jersey's exception knows the parameter's name; it is read by name because Jersey is
   * the container's, not on our compile path.
   */
  static Response badQueryValue(Throwable e, HttpHeaders headers, UriInfo uri) {
    if (!(e instanceof WebApplicationException)
        || !e.getClass().getSimpleName().equals("QueryParamException")) {
      return null;
    }
    String name;
    try {
      name = String.valueOf(e.getClass().getMethod("getParameterName").invoke(e));
    } catch (ReflectiveOperationException | RuntimeException notJersey) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "error.badRequest");
    }
    String value = uri == null ? null : uri.getQueryParameters().getFirst(name);
    return ApiError.response(
        Response.Status.BAD_REQUEST, headers, "error.param", name, String.valueOf(value));
  }
}
