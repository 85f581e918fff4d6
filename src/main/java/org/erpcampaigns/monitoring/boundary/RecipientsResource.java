package org.erpcampaigns.monitoring.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.audiences.entity.DistributionList;

/**
 * A campaign's recipients over REST: filtered pages, a filter as a new list, CSV exports of the
 * recipients and of the events.
 */
@Path("monitoring/campaigns/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring", description = "A campaign's recipients, their engagement and exports")
public class RecipientsResource {
  @EJB Recipients recipients;

  /** A new list of a filter's recipients. */
  public record ListBody(String filter, String name) {}

  public record ListJson(long id, String name, long members) {}

  @GET
  @Path("recipients")
  @Operation(
      summary = "A page of the campaign's recipients",
      description =
          "filter: ALL, OPENED, NOT_OPENED, OPENED_NOT_CLICKED, CLICKED, CLICKED_NO_ORDER,"
              + " ORDERED, REPLIED, BOUNCED, UNSUBSCRIBED, NOT_SENT; size at most 1000")
  public Recipients.Page page(
      @PathParam("id") long id,
      @QueryParam("filter") String filter,
      @QueryParam("first") Integer first,
      @QueryParam("size") Integer size) {
    return recipients.page(id, filter, first == null ? 0 : first, size == null ? 50 : size);
  }

  @POST
  @Path("recipients/list")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "A new static distribution list of the filter's recipients")
  public Response toList(@PathParam("id") long id, ListBody b) {
    DistributionList list =
        recipients.toList(id, b == null ? null : b.filter(), b == null ? null : b.name());
    return Response.status(Response.Status.CREATED)
        .entity(new ListJson(list.getId(), list.getName(), list.getMemberCount()))
        .build();
  }

  @GET
  @Path("recipients.csv")
  @Produces("text/csv")
  @Operation(summary = "The filter's recipients as CSV, streamed")
  public Response recipientsCsv(@PathParam("id") long id, @QueryParam("filter") String filter) {
    recipients.check(id, filter);
    StreamingOutput body = out -> recipients.exportRecipients(id, filter, out);
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header(
            "Content-Disposition", "attachment; filename=\"campaign-" + id + "-recipients.csv\"")
        .build();
  }

  @GET
  @Path("events.csv")
  @Produces("text/csv")
  @Operation(summary = "Every event of the campaign as CSV, streamed")
  public Response eventsCsv(@PathParam("id") long id) {
    recipients.check(id, null);
    StreamingOutput body = out -> recipients.exportEvents(id, out);
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-events.csv\"")
        .build();
  }
}
