package org.erpcampaigns.audiences.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.audiences.control.ListImport;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.DistributionList;
import org.erpcampaigns.audiences.entity.ListKind;

/** Distribution lists over REST: create and materialise, refresh, members paged, refine, CSV. */
@Path("lists")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Distribution lists", description = "Lists built from segments and refined by hand")
public class ListsResource {
  @Inject DistributionLists lists;

  /** A list as the API shows it. */
  public record ListView(
      long id,
      String name,
      String description,
      String kind,
      String status,
      LocalDateTime refreshStartedAt,
      Long segmentId,
      long members,
      Long matched,
      LocalDateTime refreshedAt,
      Long refreshMillis,
      String createdBy) {
    static ListView of(DistributionList l) {
      return new ListView(
          l.getId(),
          l.getName(),
          l.getDescription(),
          l.getKind().name(),
          l.getStatus().name(),
          l.getRefreshStartedAt(),
          l.getSegmentId(),
          l.getMemberCount(),
          l.getMatchedCount(),
          l.getRefreshedAt(),
          l.getRefreshMillis(),
          l.getCreatedBy());
    }
  }

  /** A list with its breakdown by country and contact type. */
  public record ListDetail(ListView list, List<ListMembership.Share> breakdown) {}

  /** A page of members and the total. */
  public record MemberPage(
      long total, int first, int size, List<ListMembership.MemberRow> members) {}

  /** The members after a refresh. */
  public record Refreshed(long id, long members) {}

  @GET
  @Operation(summary = "All distribution lists with their size and last refresh")
  public List<ListView> all() {
    return lists.lists().stream().map(ListView::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a list and materialise it",
      description =
          "{\"name\": ..., \"description\": ..., \"kind\": \"STATIC|DYNAMIC\", \"segmentId\": n}"
              + " (no segmentId: a static list filled by hand or import)")
  public Response create(JsonObject body) {
    if (body == null) {
      throw AudienceException.invalid("audience.error.name");
    }
    ListKind kind;
    try {
      kind = ListKind.valueOf(body.getString("kind", "STATIC").strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw AudienceException.invalid("audience.error.kind");
    }
    Long segmentId = null;
    if (body.containsKey("segmentId") && !body.isNull("segmentId")) {
      if (!(body.get("segmentId") instanceof JsonNumber n)) {
        throw AudienceException.invalid("audience.error.segmentNotFound", body.get("segmentId"));
      }
      segmentId = n.longValue();
    }
    DistributionList created =
        lists.createList(
            SegmentsResource.name(body),
            body.containsKey("description") && !body.isNull("description")
                ? body.getString("description")
                : null,
            kind,
            segmentId);
    lists.refresh(created.getId());
    return Response.created(URI.create("lists/" + created.getId()))
        .entity(ListView.of(lists.list(created.getId())))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One list with its breakdown by country and type")
  public ListDetail one(@PathParam("id") long id) {
    return new ListDetail(ListView.of(lists.list(id)), lists.breakdown(id));
  }

  @POST
  @Path("{id}/refresh")
  @Operation(summary = "Rebuild the members now (materialise)")
  public Refreshed refresh(@PathParam("id") long id) {
    return new Refreshed(id, lists.refresh(id));
  }

  @GET
  @Path("{id}/members")
  @Operation(summary = "A page of members sorted by name, optionally searched by name or email")
  public MemberPage members(
      @PathParam("id") long id,
      @QueryParam("search") String search,
      @QueryParam("first") @DefaultValue("0") int first,
      @QueryParam("size") @DefaultValue("25") int size) {
    List<ListMembership.MemberRow> page = lists.members(id, search, first, size);
    return new MemberPage(lists.memberCount(id, search), first, size, page);
  }

  @PUT
  @Path("{id}/members/{partyId}")
  @Operation(summary = "Add a contact by hand (kept through refreshes); says why if not a member")
  public ListMembership.Explanation add(
      @PathParam("id") long id, @PathParam("partyId") String partyId) {
    return lists.addContact(id, partyId);
  }

  @DELETE
  @Path("{id}/members/{partyId}")
  @Operation(summary = "Remove a member; exclude=true keeps it out through refreshes")
  public Response remove(
      @PathParam("id") long id,
      @PathParam("partyId") String partyId,
      @QueryParam("exclude") @DefaultValue("true") boolean exclude) {
    lists.removeMember(id, partyId, exclude);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/members/{partyId}/standing")
  @Operation(summary = "Whether a contact is a member, and if not why (excluded, suppressed, ...)")
  public ListMembership.Explanation standing(
      @PathParam("id") long id, @PathParam("partyId") String partyId) {
    return lists.explain(id, partyId);
  }

  @POST
  @Path("{id}/import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary = "Import a UTF-8 CSV with an email or party_id column",
      description = "All or nothing; the report lists matched, unmatched and suppressed rows")
  public ListImport.Report importCsv(@PathParam("id") long id, InputStream csv) {
    return lists.importCsv(id, csv);
  }

  @GET
  @Path("{id}/export")
  @Produces("text/csv")
  @Operation(summary = "The members as CSV, streamed")
  public Response export(@PathParam("id") long id) {
    DistributionList list = lists.list(id);
    StreamingOutput body = out -> lists.exportCsv(id, out);
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"list-" + list.getId() + ".csv\"")
        .build();
  }
}
