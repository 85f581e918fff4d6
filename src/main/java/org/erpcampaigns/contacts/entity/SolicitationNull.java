package org.erpcampaigns.contacts.entity;

import java.util.Locale;

/**
 * What an ERP consent that is not set means (OFBiz leaves PARTY_CONTACT_MECH.ALLOW_SOLICITATION
 * NULL for most parties of its own demo data): configured by {@code
 * campaigns.erp.solicitation-null} and applied by {@link Sendability}, so the contact page,
 * segments' counts, lists, sends and the send-time check decide alike.
 */
public enum SolicitationNull {
  /** Not set counts as allowed (the default). */
  ALLOWED("Y"),
  /** Not set counts as refused: only an explicit 'Y' may be mailed. */
  REFUSED("N");

  /** The configuration key. */
  public static final String KEY = "campaigns.erp.solicitation-null";

  private final String indicator;

  SolicitationNull(String indicator) {
    this.indicator = indicator;
  }

  /** The ERP indicator a consent that is not set is read as ('Y' or 'N'). */
  public String indicator() {
    return indicator;
  }

  /** The configured value, {@code allowed} or {@code refused} in any case. */
  public static SolicitationNull of(String configured) {
    String v = configured == null ? "" : configured.strip().toUpperCase(Locale.ROOT);
    for (SolicitationNull s : values()) {
      if (s.name().equals(v)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        KEY + " must be allowed or refused, not '" + configured + "'");
  }
}
