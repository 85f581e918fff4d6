package org.erpcampaigns.mailings.entity;

import jakarta.ejb.ApplicationException;
import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;

/**
 * A request about templates or mailings that cannot be done as asked, with the reason as a message
 * key of the bundles (mailing.*), so the UI and the REST API explain it in the user's language.
 */
@ApplicationException(rollback = true)
public class MailingRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  public MailingRefused(String key, Object... args) {
    super(Messages.get(Locale.ENGLISH, key, args));
    this.key = key;
    this.args = args.clone();
  }

  public String getKey() {
    return key;
  }

  public String localised(Locale locale) {
    return Messages.get(locale, key, args);
  }
}
