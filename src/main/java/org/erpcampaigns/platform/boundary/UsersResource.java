package org.erpcampaigns.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Users and their roles (built-in identity store), for campaign-admin only. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
  @Inject UserDirectory users;

  @GET
  @Operation(summary = "The users and their roles (campaign-admin only)")
  public List<UserDirectory.User> list() throws SQLException {
    return users.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Create a user: username, password (at least 12 characters), displayName, roles"
              + " (campaign-admin, marketer, analyst); campaign-admin only")
  public Response create(JsonObject body) throws SQLException {
    JsonArray roles = body.getJsonArray("roles");
    UserDirectory.User created =
        users.create(
            body.getString("username", null),
            body.getString("password", null),
            body.getString("displayName", null),
            roles == null
                ? List.of()
                : roles.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }
}
