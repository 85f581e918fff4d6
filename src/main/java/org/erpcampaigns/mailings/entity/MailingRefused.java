package org.erpcampaigns.mailings.entity;

import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * A request about templates or mailings that cannot be done as asked, with the reason as a message
 * key of the bundles (mailing.*), so the UI and the REST API explain it in the user's language. An
 * unknown template or mailing ({@code mailing.error.unknown*}) is not found, anything else invalid.
 */
public class MailingRefused extends RuleException {
  private static final long serialVersionUID = 1L;

  public MailingRefused(String key, Object... args) {
    super(
        key.startsWith("mailing.error.unknown") ? Kind.NOT_FOUND : Kind.INVALID,
        Messages.get(Locale.ENGLISH, key, args),
        key,
        args);
  }
}
