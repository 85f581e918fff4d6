package org.erpcampaigns.contacts.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.contacts.entity.ContactType;
import org.erpcampaigns.platform.boundary.ApiError;

/** The ERP's contacts over REST: paged search and one contact's detail, read-only. */
@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "The ERP's contacts as erp-campaigns sees them")
public class ContactsResource {
  @Inject ContactDirectory directory;
  @Context HttpHeaders headers;

  /** One contact row in the API. */
  public record ContactSummary(
      String id,
      String type,
      String name,
      String organisation,
      String email,
      Boolean solicitationAllowed,
      boolean optedOut,
      boolean enabled,
      String city,
      String postalCode,
      String country,
      List<String> roles) {
    static ContactSummary of(ContactCard c, boolean optedOut) {
      return new ContactSummary(
          c.getId(),
          c.getType() == null ? null : c.getType().name(),
          c.getDisplayName(),
          c.getOrganisationName(),
          c.getEmail(),
          c.getSolicitationAllowed(),
          optedOut,
          c.isEnabled(),
          c.getCity(),
          c.getPostalCode(),
          c.getCountry(),
          c.getRoles());
    }
  }

  /** A page of contacts and the total that matches the filter. */
  public record ContactPage(long total, int first, int size, List<ContactSummary> contacts) {}

  @GET
  @Operation(summary = "Search contacts, database-paged")
  public Response search(
      @QueryParam("name") String name,
      @QueryParam("organisation") String organisation,
      @QueryParam("email") String email,
      @QueryParam("city") String city,
      @QueryParam("country") String country,
      @QueryParam("role") String role,
      @Parameter(description = "PERSON or ORGANISATION") @QueryParam("type") String type,
      @Parameter(description = "ALLOWED, REFUSED or UNKNOWN") @QueryParam("solicitation")
          String solicitation,
      @Parameter(description = "name, organisation, email, city, country or id")
          @QueryParam("sort")
          @DefaultValue("name")
          String sort,
      @QueryParam("descending") @DefaultValue("false") boolean descending,
      @QueryParam("first") @DefaultValue("0") int first,
      @QueryParam("size") @DefaultValue("25") int size) {
    ContactType contactType;
    ContactFilter.Solicitation consent;
    try {
      contactType = type == null || type.isBlank() ? null : ContactType.valueOf(upper(type));
      consent =
          solicitation == null || solicitation.isBlank()
              ? null
              : ContactFilter.Solicitation.valueOf(upper(solicitation));
    } catch (IllegalArgumentException e) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "error.filter.value");
    }
    ContactSort order = ContactSort.parse(sort).orElse(null);
    if (order == null) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "error.sort", sort);
    }
    if (first < 0 || size < 1 || size > 500) {
      return ApiError.response(Response.Status.BAD_REQUEST, headers, "error.paging");
    }
    ContactFilter filter =
        new ContactFilter(name, organisation, email, city, country, role, contactType, consent);
    List<ContactCard> page = directory.search(filter, order, !descending, first, size);
    Set<String> optedOut = directory.optedOut(page.stream().map(ContactCard::getId).toList());
    return Response.ok(
            new ContactPage(
                directory.count(filter),
                first,
                size,
                page.stream()
                    .map(c -> ContactSummary.of(c, optedOut.contains(c.getId())))
                    .toList()))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One contact with addresses, roles, relations and purchase history")
  public ContactDetail detail(@PathParam("id") String id) {
    Contact contact = directory.find(id).orElseThrow(() -> new UnknownContactException(id));
    return directory.detail(contact);
  }

  @POST
  @Path("{id}/opt-out")
  @Operation(summary = "Record that the contact objects to marketing (not for analysts)")
  public Response optOut(@PathParam("id") String id, @QueryParam("reason") String reason) {
    directory.recordOptOut(id, reason);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{id}/opt-out")
  @Operation(summary = "Withdraw the contact's opt-out (not for analysts)")
  public Response withdrawOptOut(@PathParam("id") String id) {
    directory.withdrawOptOut(id);
    return Response.noContent().build();
  }

  private static String upper(String v) {
    return v.strip().toUpperCase(Locale.ROOT);
  }
}
