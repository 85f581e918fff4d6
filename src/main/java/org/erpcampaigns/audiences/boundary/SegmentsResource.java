package org.erpcampaigns.audiences.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
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
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.audiences.control.CriteriaJson;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Segment;

/**
 * Segments over REST: criteria as JSON (see {@link CriteriaJson}), live counts and previews, saved
 * segments. Analysts may count and read; saving is for admins and marketers.
 */
@Path("segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Criteria over the ERP's contacts, counted set-based")
public class SegmentsResource {
  @Inject DistributionLists lists;

  /** A saved segment. */
  public record SegmentView(
      long id, String name, JsonValue criteria, String createdBy, LocalDateTime updatedAt) {
    static SegmentView of(Segment s) {
      return new SegmentView(
          s.getId(),
          s.getName(),
          jakarta.json.Json.createReader(new java.io.StringReader(s.getCriteria())).readValue(),
          s.getCreatedBy(),
          s.getUpdatedAt());
    }
  }

  @GET
  @Operation(summary = "The saved segments")
  public List<SegmentView> all() {
    return lists.segments().stream().map(SegmentView::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One saved segment with its criteria")
  public SegmentView one(@PathParam("id") long id) {
    return SegmentView.of(lists.segment(id));
  }

  @POST
  @Operation(
      summary = "Save a segment: {\"name\": ..., \"criteria\": {group or condition}}",
      description =
          "Group: {\"logic\": \"AND|OR\", \"not\": false, \"contactPersons\": false, \"children\":"
              + " [...]}. Condition: {\"field\": \"COUNTRY\", \"operator\": \"IN\", \"values\":"
              + " [\"ITA\"], \"period\": {\"lastDays\": 365}}.")
  public Response create(JsonObject body) {
    Segment s = lists.saveSegment(null, name(body), criteria(body));
    return Response.created(URI.create("segments/" + s.getId())).entity(SegmentView.of(s)).build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change a segment's name and criteria")
  public SegmentView update(@PathParam("id") long id, JsonObject body) {
    return SegmentView.of(lists.saveSegment(id, name(body), criteria(body)));
  }

  @POST
  @Path("count")
  @Operation(
      summary = "Count the contacts that criteria match (body: the criteria)",
      description = "matched: contacts matching; reachable: distinct addresses after suppression")
  public ListMembership.Count count(String criteria) {
    return lists.count(CriteriaJson.read(criteria));
  }

  @GET
  @Path("{id}/count")
  @Operation(summary = "Count a saved segment now")
  public ListMembership.Count countSaved(@PathParam("id") long id) {
    return lists.count(lists.criteria(lists.segment(id)));
  }

  @POST
  @Path("preview")
  @Operation(summary = "The first contacts that criteria match, each with why it would be left out")
  public List<ListMembership.PreviewRow> preview(
      String criteria, @QueryParam("rows") @DefaultValue("20") int rows) {
    return lists.preview(CriteriaJson.read(criteria), rows);
  }

  @GET
  @Path("purchase-index")
  @Operation(
      summary = "The purchase index that purchase criteria read: its last refresh",
      description =
          "reportingCurrency: the currency of total spent; ordersWithoutRate: completed orders"
              + " (in currenciesWithoutRate) without an exchange rate to it at their date, counted"
              + " as orders but not in totals. 404 until the index is first built.")
  public PurchaseIndex.State purchaseIndex() {
    return lists.purchaseIndex();
  }

  static String name(JsonObject body) {
    if (body == null || !body.containsKey("name") || body.isNull("name")) {
      throw AudienceException.invalid("audience.error.name");
    }
    return body.getString("name", "");
  }

  static Criterion criteria(JsonObject body) {
    if (body == null || !body.containsKey("criteria")) {
      throw AudienceException.invalid("audience.error.emptyGroup");
    }
    return CriteriaJson.read(body.get("criteria"));
  }
}
