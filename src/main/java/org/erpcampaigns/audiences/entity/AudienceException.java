package org.erpcampaigns.audiences.entity;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;

/**
 * Something a user asked of segments or lists that cannot be done, with the message key (prefix
 * {@code audience.}) and arguments that say why in the user's language. Nothing is changed when it
 * is thrown: the transaction rolls back.
 */
@ApplicationException(rollback = true)
public class AudienceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How a caller should answer: a missing thing, a conflict with the current state, bad input. */
  public enum Kind {
    NOT_FOUND,
    CONFLICT,
    INVALID
  }

  private final Kind kind;
  private final String key;
  private final transient Object[] arguments;

  public AudienceException(Kind kind, String key, Object... arguments) {
    super(key + Arrays.toString(arguments));
    this.kind = kind;
    this.key = key;
    this.arguments = arguments.clone();
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

  public Kind getKind() {
    return kind;
  }

  public String getKey() {
    return key;
  }

  public Object[] getArguments() {
    return arguments.clone();
  }
}
