package org.erpcampaigns.audiences.boundary;

import java.util.Locale;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.Label;
import org.erpcampaigns.platform.control.Messages;

/** An {@link AudienceException} as a sentence in the reader's language. */
public final class AudienceMessages {
  private AudienceMessages() {}

  public static String text(Locale locale, AudienceException e) {
    Object[] args = e.getArguments();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Label label) {
        args[i] = Messages.get(locale, label.key());
      }
    }
    return Messages.get(locale, e.getKey(), args);
  }
}
