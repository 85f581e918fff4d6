package org.erpcampaigns.platform.control;

/** A user that an admin may not create as asked: a bad name, password or role, or a taken name. */
public class UserRefused extends RuleException {
  private static final long serialVersionUID = 1L;

  public UserRefused(Kind kind, String key, Object... args) {
    super(kind, key, args);
  }
}
