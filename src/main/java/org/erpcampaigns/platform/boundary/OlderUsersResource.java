package org.erpcampaigns.platform.boundary;

import jakarta.ws.rs.Path;

/**
 * {@code /api/users}, the address of the users resource before the admin screens (issue 18), kept
 * for the scripts that create users with it (README, "The first admin").
 */
@Path("users")
public class OlderUsersResource extends UsersResource {}
