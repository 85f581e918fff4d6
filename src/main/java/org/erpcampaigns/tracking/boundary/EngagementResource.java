package org.erpcampaigns.tracking.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.platform.boundary.ApiError;
import org.erpcampaigns.tracking.entity.EngagementCounts;
import org.erpcampaigns.tracking.entity.InboundDecision;

/**
 * Engagement counts over REST: what recipients did with a campaign's or a mailing's messages; the
 * bounces and other inbound reports of a mailing with the reason, the server's words and what was
 * decided; the challenge-response mails that need a person.
 */
@Path("engagement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Engagement", description = "Sent, delivered, opened, clicked, bounced, ... counts")
public class EngagementResource {
  @Inject Engagement engagement;
  @Context HttpHeaders headers;

  @GET
  @Path("campaigns/{campaignId}")
  @Operation(
      summary =
          "A campaign's engagement: distinct contacts and total events of each kind; opens and"
              + " clicks also by people (humanOpened, humanClicked)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = EngagementCounts.class)))
  public Response campaign(@PathParam("campaignId") long campaignId) {
    if (campaignId <= 0) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "tracking.error.id");
    }
    return Response.ok(engagement.ofCampaign(campaignId)).build();
  }

  @GET
  @Path("mailings/{mailingId}")
  @Operation(
      summary =
          "A mailing's engagement: distinct contacts and total events of each kind; opens and"
              + " clicks also by people (humanOpened, humanClicked)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = EngagementCounts.class)))
  public Response mailing(@PathParam("mailingId") long mailingId) {
    if (mailingId <= 0) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "tracking.error.id");
    }
    return Response.ok(engagement.ofMailing(mailingId)).build();
  }

  @GET
  @Path("mailings/{mailingId}/reports")
  @Operation(
      summary =
          "A mailing's bounces, feedback reports and answers, the newest first (at most 500):"
              + " kind, server, status, reason, the server's words and the decision taken")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InboundDecision[].class)))
  public Response reports(@PathParam("mailingId") long mailingId) {
    if (mailingId <= 0) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "tracking.error.id");
    }
    return Response.ok(engagement.reportsOfMailing(mailingId)).build();
  }

  @GET
  @Path("attention")
  @Operation(
      summary =
          "Challenge-response mails about our messages: a person must answer them in the"
              + " mailbox, where they are left (the newest first, at most 500)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InboundDecision[].class)))
  public Response attention() {
    return Response.ok(engagement.needingAttention()).build();
  }
}
