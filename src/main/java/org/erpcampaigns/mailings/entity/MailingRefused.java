package org.erpcampaigns.mailings.entity;

import java.util.Locale;
import java.util.Set;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;

/**
 * A request about templates or mailings that cannot be done as asked, with the reason as a message
 * key of the bundles (mailing.*), so the UI and the REST API explain it in the user's language. An
 * unknown template, mailing, list or campaign ({@code mailing.error.unknown*}) is not found; what
 * the current state of a mailing, template, list or campaign prevents is a conflict (409, as the
 * other capabilities answer it: the same request may work later); anything else is invalid.
 */
public class MailingRefused extends RuleException {
  private static final long serialVersionUID = 1L;

  /** Refusals by the current state of something, not by the request itself. */
  static final Set<String> CONFLICTS =
      Set.of(
          "mailing.error.state",
          "mailing.error.templateInUse",
          "mailing.error.listRefreshing",
          "mailing.error.campaignClosed");

  public MailingRefused(String key, Object... args) {
    super(kind(key), Messages.get(Locale.ENGLISH, key, args), key, args);
  }

  static Kind kind(String key) {
    if (key.startsWith("mailing.error.unknown")) {
      return Kind.NOT_FOUND;
    }
    return CONFLICTS.contains(key) ? Kind.CONFLICT : Kind.INVALID;
  }
}
