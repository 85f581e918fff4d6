package org.erpcampaigns.platform.boundary;

/** The application roles, as in web.xml and the CM_USER_ROLE table. */
public final class Roles {
  /** Configures erp-campaigns and does everything a marketer does. */
  public static final String ADMIN = "campaign-admin";

  /** Plans campaigns, builds lists, writes and sends content. */
  public static final String MARKETER = "marketer";

  /** Reads everything, changes nothing. */
  public static final String ANALYST = "analyst";

  private Roles() {}
}
