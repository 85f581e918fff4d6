package org.erpcampaigns.audiences.entity;

import org.erpcampaigns.platform.control.RuleException;

/**
 * Something a user asked of segments or lists that cannot be done, with the message key (prefix
 * {@code audience.}) and arguments that say why in the user's language. Nothing is changed when it
 * is thrown: the transaction rolls back.
 */
public class AudienceException extends RuleException {
  private static final long serialVersionUID = 1L;

  public AudienceException(Kind kind, String key, Object... arguments) {
    super(kind, key, arguments);
  }

  public static AudienceException invalid(String key, Object... arguments) {
    return new AudienceException(Kind.INVALID, key, arguments);
  }

  public static AudienceException notFound(String key, Object... arguments) {
    return new AudienceException(Kind.NOT_FOUND, key, arguments);
  }

  public static AudienceException conflict(String key, Object... arguments) {
    return new AudienceException(Kind.CONFLICT, key, arguments);
  }
}
