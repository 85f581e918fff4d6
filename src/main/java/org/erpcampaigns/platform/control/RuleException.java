package org.erpcampaigns.platform.control;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A request that breaks a rule of a capability, as a message key of the bundles and its arguments,
 * so the UI and the REST API explain it with the same text in the user's language. Its kind says
 * how the REST API answers (404, 409 or 400). Nothing is changed when it is thrown: the transaction
 * rolls back (subclasses inherit that).
 */
@ApplicationException(rollback = true)
public abstract class RuleException extends RuntimeException {
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

  /** The exception's own message (for logs) is the key and the arguments as they are. */
  protected RuleException(Kind kind, String key, Object... arguments) {
    this(kind, key + Arrays.toString(arguments), key, arguments);
  }

  protected RuleException(Kind kind, String message, String key, Object... arguments) {
    super(message);
    this.kind = kind;
    this.key = key;
    this.arguments = arguments.clone();
  }

  public Kind getKind() {
    return kind;
  }

  public String getKey() {
    return key;
  }

  public Object[] getArguments() {
    return arguments == null ? new Object[0] : arguments.clone();
  }

  /** The sentence in the reader's language; arguments that are {@link MessageKey}s too. */
  public String localised(Locale locale) {
    Object[] args = getArguments();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof MessageKey label) {
        args[i] = Messages.get(locale, label.key());
      }
    }
    return Messages.get(locale, key, args);
  }
}
