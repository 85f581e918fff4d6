package org.erpcampaigns.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erpcampaigns.platform.control.RuleException.Kind;
import org.erpcampaigns.platform.control.UserRefused;

/**
 * Users and their roles (built-in identity store), for campaign-admin only: the same rules and
 * messages as the admin's users page. {@code /api/users} is the older address of the same resource
 * ({@link OlderUsersResource}).
 */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Users, their roles and the audit of changes (campaign-admin)")
public class UsersResource {
  @Inject UserDirectory users;

  @GET
  @Operation(summary = "The users, their roles, address and last login (never a password hash)")
  public JsonArray list() throws SQLException {
    JsonArrayBuilder all = Json.createArrayBuilder();
    users.list().forEach(u -> all.add(json(u)));
    return all.build();
  }

  @GET
  @Path("audit")
  @Operation(summary = "Who changed which user when, newest first (never a password)")
  public List<UserDirectory.AuditEntry> audit(
      @Parameter(description = "only this user's changes") @QueryParam("username") String username,
      @QueryParam("first") @DefaultValue("0") int first,
      @QueryParam("size") @DefaultValue("50") int size)
      throws SQLException {
    return users.audit(username, first, size);
  }

  @GET
  @Path("{username}")
  @Operation(summary = "One user")
  public JsonObject get(@PathParam("username") String username) throws SQLException {
    return json(users.find(username));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Create a user: username, password (at least 12 characters; without one a password is"
              + " generated and answered once as generatedPassword), displayName, email, roles"
              + " (campaign-admin, marketer, analyst)")
  public Response create(JsonObject body) throws SQLException {
    UserDirectory.Created created =
        users.create(
            text(body, "username"),
            text(body, "password"),
            text(body, "displayName"),
            text(body, "email"),
            roles(body));
    JsonObjectBuilder answer = Json.createObjectBuilder(json(created.user()));
    if (created.generatedPassword() != null) {
      answer.add("generatedPassword", created.generatedPassword());
    }
    return Response.status(Response.Status.CREATED).entity(answer.build()).build();
  }

  @PUT
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change a user: displayName, email (blank: none), roles, enabled; a field left out stays"
              + " as it is. An admin cannot disable or demote themself, nor the last enabled admin"
              + " (409)")
  public JsonObject update(@PathParam("username") String username, JsonObject body)
      throws SQLException {
    JsonValue enabled = body.get("enabled");
    Boolean on = null;
    if (enabled == JsonValue.TRUE || enabled == JsonValue.FALSE) {
      on = enabled == JsonValue.TRUE;
    } else if (enabled != null && enabled != JsonValue.NULL) {
      throw new UserRefused(Kind.INVALID, "error.bodyField", "enabled");
    }
    return json(
        users.update(
            username,
            text(body, "displayName"),
            text(body, "email"),
            body.containsKey("roles") && !body.isNull("roles") ? roles(body) : null,
            on));
  }

  @POST
  @Path("{username}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Reset a user's password: {\"password\": ...} (at least 12 characters), or {} for a"
              + " generated one, answered once as generatedPassword")
  public Response resetPassword(@PathParam("username") String username, JsonObject body)
      throws SQLException {
    String generated = users.resetPassword(username, text(body, "password"));
    if (generated == null) {
      return Response.noContent().build();
    }
    return Response.ok(
            Json.createObjectBuilder()
                .add("username", username)
                .add("generatedPassword", generated)
                .build())
        .build();
  }

  private static JsonObject json(UserDirectory.User u) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("username", u.username())
            .add("displayName", u.displayName() == null ? u.username() : u.displayName())
            .add("enabled", u.enabled())
            .add("roles", Json.createArrayBuilder(u.roles()));
    if (u.email() == null) {
      b.addNull("email");
    } else {
      b.add("email", u.email());
    }
    if (u.lastLogin() == null) {
      b.addNull("lastLogin");
    } else {
      b.add("lastLogin", u.lastLogin().toString());
    }
    return b.build();
  }

  /** A text field, null when left out or null; 400 naming the field when it is not a text. */
  private static String text(JsonObject body, String name) {
    JsonValue v = body.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    throw new UserRefused(Kind.INVALID, "error.bodyField", name);
  }

  private static List<String> roles(JsonObject body) {
    JsonValue v = body.get("roles");
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new UserRefused(Kind.INVALID, "error.bodyField", "roles");
    }
    List<String> roles = new ArrayList<>();
    for (JsonValue item : a) {
      if (!(item instanceof JsonString s)) {
        throw new UserRefused(Kind.INVALID, "error.bodyField", "roles");
      }
      roles.add(s.getString());
    }
    return roles;
  }
}
