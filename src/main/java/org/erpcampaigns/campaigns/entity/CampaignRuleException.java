package org.erpcampaigns.campaigns.entity;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;

/**
 * A campaign rule that the input breaks, as a message key of the resource bundles and its
 * arguments, so the UI and the REST API show the same text in the user's language. Nothing is
 * changed when it is thrown (the transaction rolls back).
 */
@ApplicationException(rollback = true)
public class CampaignRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How the REST API answers: 400, 404 or 409. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  /** An argument that is itself a text of the bundles (a field's name, a status), localised too. */
  public record Label(String key) {}

  private final Kind kind;
  private final String key;
  private final transient Object[] args;

  public CampaignRuleException(Kind kind, String key, Object... args) {
    super(key + Arrays.toString(args));
    this.kind = kind;
    this.key = key;
    this.args = args.clone();
  }

  public static CampaignRuleException invalid(String key, Object... args) {
    return new CampaignRuleException(Kind.INVALID, key, args);
  }

  public Kind getKind() {
    return kind;
  }

  public String getKey() {
    return key;
  }

  public Object[] getArgs() {
    return args == null ? new Object[0] : args.clone();
  }
}
