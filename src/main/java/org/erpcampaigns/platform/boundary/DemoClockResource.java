package org.erpcampaigns.platform.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Demo mode only: moves the application's clock forward ("three days later"), for admins. */
@Stateless
@Path("demo/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Demo", description = "Demo-only helpers")
public class DemoClockResource {
  @Inject ApplicationClock clock;

  public record Now(String now) {}

  @POST
  @Operation(summary = "Move the clock forward by an ISO-8601 duration (demo mode only)")
  public Now advance(@QueryParam("by") String by) {
    Duration d;
    try {
      d = Duration.parse(by == null ? "" : by.strip());
    } catch (DateTimeParseException e) {
      throw new ApplicationClock.ClockRefused("platform.clock.invalid");
    }
    return new Now(clock.advance(d).toString());
  }
}
