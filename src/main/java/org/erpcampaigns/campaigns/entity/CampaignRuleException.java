package org.erpcampaigns.campaigns.entity;

import org.erpcampaigns.platform.control.MessageKey;
import org.erpcampaigns.platform.control.RuleException;

/**
 * A campaign rule that the input breaks, as a message key of the resource bundles and its
 * arguments, so the UI and the REST API show the same text in the user's language. Nothing is
 * changed when it is thrown (the transaction rolls back).
 */
public class CampaignRuleException extends RuleException {
  private static final long serialVersionUID = 1L;

  /** An argument that is itself a text of the bundles (a field's name, a status), localised too. */
  public record Label(String key) implements MessageKey {}

  public CampaignRuleException(Kind kind, String key, Object... args) {
    super(kind, key, args);
  }

  public static CampaignRuleException invalid(String key, Object... args) {
    return new CampaignRuleException(Kind.INVALID, key, args);
  }
}
