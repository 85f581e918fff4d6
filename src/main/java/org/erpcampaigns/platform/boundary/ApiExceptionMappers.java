package org.erpcampaigns.platform.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erpcampaigns.contacts.boundary.UnknownContactException;
import org.erpcampaigns.platform.control.RuleException;

/** Turns failures into clear, localised JSON errors; never a stack trace to the caller. */
public final class ApiExceptionMappers {
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

  /** Everything else: JAX-RS's own statuses kept, unexpected failures logged with a reference. */
  @Provider
  public static class Unexpected implements ExceptionMapper<Exception> {
    @Context HttpHeaders headers;

    @Override
    public Response toResponse(Exception e) {
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
}
