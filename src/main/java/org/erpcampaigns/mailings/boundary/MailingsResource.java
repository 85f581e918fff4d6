package org.erpcampaigns.mailings.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.Mailing;
import org.erpcampaigns.mailings.entity.MailingRefused;

/** Templates and mailings over HTTP: create, schedule, pause, resume, cancel, status. */
@Path("mailings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mailings", description = "Personalised sends of a template to a distribution list")
public class MailingsResource {
  @EJB Mailings mailings;
  @Context UriInfo uri;

  /** A send: template, campaign, list; sendAt (ISO local date-time, absent = now) in timeZone. */
  public record SendBody(
      Long templateId,
      Long campaignId,
      Long listId,
      String sendAt,
      String timeZone,
      Integer throttlePerSecond) {}

  public record MailingJson(
      long id,
      String state,
      long templateId,
      long campaignId,
      long listId,
      String sendAt,
      String timeZone,
      Integer throttlePerSecond,
      long recipients,
      long skipped) {
    static MailingJson of(Mailing m) {
      return new MailingJson(
          m.getId(),
          m.getState().name(),
          m.getTemplateId(),
          m.getCampaignId(),
          m.getListId(),
          m.getSendAtZoned().toOffsetDateTime().toString(),
          m.getTimeZone(),
          m.getThrottlePerSecond(),
          m.getRecipients(),
          m.getSkipped());
    }
  }

  public record TemplateJson(long id, String name, String defaultLanguage, List<String> languages) {
    static TemplateJson of(MailTemplate t) {
      return new TemplateJson(
          t.getId(),
          t.getName(),
          t.getDefaultLanguage(),
          t.getVariants().stream().map(v -> v.getLanguage()).toList());
    }
  }

  public record ThrottleBody(Integer throttlePerSecond) {}

  @POST
  @Path("templates")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or update a template",
      description =
          "Every language variant is compiled and tried on an example contact; a template that"
              + " does not compile or reaches for Java methods is refused (400) with the line.")
  public Response saveTemplate(TemplateDraft draft) {
    if (draft == null) {
      throw new MailingRefused("mailing.error.noVariant");
    }
    MailTemplate t = mailings.saveTemplate(draft);
    return Response.ok(TemplateJson.of(t)).build();
  }

  @POST
  @Path("templates/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Render a template draft as a contact (none: an example contact)")
  public Mailings.Preview preview(
      TemplateDraft draft,
      @QueryParam("language") String language,
      @QueryParam("contact") String contact) {
    if (draft == null) {
      throw new MailingRefused("mailing.error.noVariant");
    }
    return mailings.preview(draft, language, contact);
  }

  /** The Message-ID of a test message. */
  public record TestSent(String messageId) {}

  @POST
  @Path("templates/test")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a template draft, rendered as a contact, to a typed address now")
  public TestSent test(
      TemplateDraft draft,
      @QueryParam("language") String language,
      @QueryParam("contact") String contact,
      @QueryParam("to") String to) {
    if (draft == null) {
      throw new MailingRefused("mailing.error.noVariant");
    }
    return new TestSent(mailings.testSend(draft, language, contact, to));
  }

  @GET
  @Path("templates")
  @Operation(summary = "The templates, most recently changed first")
  public List<TemplateJson> templates() {
    return mailings.templates().stream().map(TemplateJson::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send a template to a list now or at a time",
      description =
          "sendAt is a local date-time (2026-12-01T09:00) in timeZone (an IANA zone, default"
              + " UTC); absent: now. Refused (400) for a list being refreshed or with nobody to"
              + " send to.")
  public Response create(SendBody body) {
    if (body == null || body.templateId() == null || body.listId() == null) {
      throw new MailingRefused("mailing.error.sendIncomplete");
    }
    LocalDateTime at;
    try {
      at =
          body.sendAt() == null || body.sendAt().isBlank()
              ? null
              : LocalDateTime.parse(body.sendAt());
    } catch (DateTimeParseException e) {
      throw new MailingRefused("mailing.error.sendAt", body.sendAt());
    }
    Mailing m =
        mailings.send(
            new Mailings.SendRequest(
                body.templateId(),
                body.campaignId() == null ? 0 : body.campaignId(),
                body.listId(),
                at,
                body.timeZone(),
                body.throttlePerSecond()));
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(m.getId())).build())
        .entity(MailingJson.of(m))
        .build();
  }

  @GET
  @Operation(summary = "The most recent mailings")
  public List<MailingJson> list() {
    return mailings.mailings().stream().map(MailingJson::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Progress of a mailing: counts by state, rate and time left")
  public MailingStatus status(@PathParam("id") long id) {
    return mailings.status(id);
  }

  @POST
  @Path("{id}/pause")
  @Operation(summary = "Pause: the senders stop within seconds; nothing unsent is lost")
  public MailingJson pause(@PathParam("id") long id) {
    return MailingJson.of(mailings.pause(id));
  }

  @POST
  @Path("{id}/resume")
  @Operation(summary = "Resume a paused mailing")
  public MailingJson resume(@PathParam("id") long id) {
    return MailingJson.of(mailings.resume(id));
  }

  @POST
  @Path("{id}/cancel")
  @Operation(summary = "Cancel: whatever is not sent yet is never sent")
  public MailingJson cancel(@PathParam("id") long id) {
    return MailingJson.of(mailings.cancel(id));
  }

  @POST
  @Path("{id}/throttle")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change the mailing's own messages/second (null: only the global one)")
  public MailingJson throttle(@PathParam("id") long id, ThrottleBody body) {
    return MailingJson.of(
        mailings.changeThrottle(id, body == null ? null : body.throttlePerSecond()));
  }
}
