package org.erpcampaigns.mailings.control;

import java.util.Map;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;

/**
 * A mailing's message ready to render many times: the sender, the compiled variant of every
 * language, the fallback language, and whether the templates use purchase figures (only then are
 * they read from the ERP).
 */
public record MailingContent(
    long mailingId,
    long campaignId,
    String senderName,
    String senderAddress,
    String replyTo,
    String defaultLanguage,
    Map<String, CompiledVariant> variants,
    boolean needsOrders) {

  public CompiledVariant variantFor(String language) {
    CompiledVariant v = variants.get(language);
    return v != null ? v : variants.get(defaultLanguage);
  }

  /** Whether template sources mention purchase figures (contact.lastOrderDate and the like). */
  public static boolean mentionsOrders(String... sources) {
    for (String s : sources) {
      if (s != null
          && (s.contains("lastOrderDate")
              || s.contains("totalSpent")
              || s.contains("orders")
              || s.contains("currency"))) {
        return true;
      }
    }
    return false;
  }
}
