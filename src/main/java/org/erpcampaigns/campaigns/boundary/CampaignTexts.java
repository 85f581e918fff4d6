package org.erpcampaigns.campaigns.boundary;

import java.util.Arrays;
import java.util.Locale;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.platform.control.Messages;

/** A broken campaign rule as a sentence in the user's language, for the UI and the REST API. */
public final class CampaignTexts {
  private CampaignTexts() {}

  public static String message(Locale locale, CampaignRuleException e) {
    Object[] args =
        Arrays.stream(e.getArgs())
            .map(
                a -> a instanceof CampaignRuleException.Label l ? Messages.get(locale, l.key()) : a)
            .toArray();
    return Messages.get(locale, e.getKey(), args);
  }
}
