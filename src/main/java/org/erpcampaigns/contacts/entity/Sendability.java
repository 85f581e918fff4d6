package org.erpcampaigns.contacts.entity;

/**
 * May this contact be mailed at this address now? The one rule (shared/DESIGN.md §6), written once
 * as SQL and used by everything that decides it: list materialisation, list explanations and
 * imports, live segment counts, enqueueing a send, the send-time check, the unsubscribe page and
 * the contact page. A contact may be mailed when, first reason wins:
 *
 * <ol>
 *   <li>the contact index knows the party ({@code UNKNOWN_CONTACT}: without it erp-campaigns cannot
 *       see the contact's consent);
 *   <li>the party is enabled ({@code DISABLED});
 *   <li>the address is usable: something@domain.tld without blanks or line breaks ({@code
 *       NO_EMAIL});
 *   <li>the ERP does not deny solicitation ({@code SOLICITATION}; a consent not set (NULL) counts
 *       as {@code campaigns.erp.solicitation-null} says, {@link SolicitationNull}: allowed by
 *       default, as OFBiz's own demo data leaves it unset for most parties);
 *   <li>the address is not on the suppression list, CM_SUPPRESSION (its reason: {@code
 *       UNSUBSCRIBED}, {@code HARD_BOUNCE}, {@code SOFT_BOUNCES}, {@code COMPLAINT}, {@code
 *       MANUAL});
 *   <li>the contact has no active opt-out recorded here ({@code OPTED_OUT}).
 * </ol>
 *
 * At send time the ERP's consent is also read live ({@link #reasonAtSend}), so a refusal recorded
 * in the ERP since the contact index's last refresh counts. One member per address is the lists'
 * part of the rule (their ROW_NUMBER over the address).
 *
 * <p>The rule comes in forms a database plans well: {@link #reason} (the first reason, or NULL),
 * {@link #allows} (the same as a filter of anti-joins) and {@link #allowsJoined} (over the outer
 * joins of {@link #joins}, for counts over many contacts). {@code SendabilityTest} runs one table
 * of cases through every form and every user of it.
 */
public final class Sendability {
  /** CM_SUPPRESSION's key is the lower-case address. */
  private static final String SUPPRESSION = "CM_SUPPRESSION";

  /** The indicator a consent that is not set is read as (CM_SENDABILITY_POLICY's one row). */
  private static final String NULL_MEANS =
      "(SELECT sendability_p.SOLICITATION_NULL FROM CM_SENDABILITY_POLICY sendability_p)";

  /** Stores the policy for a consent that is not set; one parameter, the indicator. */
  public static final String STORE_POLICY =
      "UPDATE CM_SENDABILITY_POLICY SET SOLICITATION_NULL = ? WHERE ID = 1";

  private Sendability() {}

  /** The consent the rule reads: the ERP's indicator, or the policy's when it is not set. */
  private static String solicitation(String column) {
    return "COALESCE(" + column + ", " + NULL_MEANS + ")";
  }

  /** The SQL test that an address is usable: something@domain.tld, no blanks, no line breaks. */
  public static String usableAddress(String address) {
    return "("
        + address
        + " LIKE '%_@_%._%' AND "
        + address
        + " NOT LIKE '% %' AND "
        + address
        + " NOT LIKE '%\r%' AND "
        + address
        + " NOT LIKE '%\n%' AND "
        + address
        + " NOT LIKE '%\t%')";
  }

  /** The SQL test that an address is on the suppression list. */
  public static String addressSuppressed(String address) {
    return "EXISTS (SELECT 1 FROM " + SUPPRESSION + " s WHERE s.EMAIL = LOWER(" + address + "))";
  }

  /**
   * The first reason why the party may not be mailed at the address, or NULL when it may. {@code
   * contact} is the alias of CM_CONTACT_INDEX (outer-joined where the party may be missing), {@code
   * party} and {@code address} the SQL of the party id and the address to mail.
   */
  public static String reason(String contact, String party, String address) {
    return "CASE" + reasons(contact, party, address) + " END";
  }

  /**
   * {@link #reason} with the ERP's consent read live through {@code channelView} (the mapping's
   * contact channel view): a currently valid email channel of the party with this address that
   * denies solicitation. Two parameters, both the current time (UTC).
   */
  public static String reasonAtSend(
      String contact, String party, String address, String channelView) {
    return "CASE"
        + reasons(contact, party, address)
        + " WHEN EXISTS (SELECT 1 FROM "
        + channelView
        + " ch WHERE ch.CONTACT_ID = "
        + party
        + " AND ch.KIND = 'EMAIL' AND LOWER(ch.CHANNEL_VALUE) = LOWER("
        + address
        + ") AND "
        + solicitation("ch.ALLOW_SOLICITATION")
        + " = 'N'"
        + " AND (ch.VALID_FROM IS NULL OR ch.VALID_FROM <= ?)"
        + " AND (ch.VALID_THRU IS NULL OR ch.VALID_THRU > ?)) THEN 'SOLICITATION' END";
  }

  private static String reasons(String contact, String party, String address) {
    return " WHEN "
        + contact
        + ".PARTY_ID IS NULL THEN 'UNKNOWN_CONTACT' WHEN COALESCE("
        + contact
        + ".ENABLED, 'N') <> 'Y' THEN 'DISABLED' WHEN "
        + address
        + " IS NULL OR NOT "
        + usableAddress(address)
        + " THEN 'NO_EMAIL' WHEN "
        + solicitation(contact + ".ALLOW_SOLICITATION")
        + " = 'N' THEN 'SOLICITATION' WHEN "
        + addressSuppressed(address)
        + " THEN (SELECT s.REASON FROM "
        + SUPPRESSION
        + " s WHERE s.EMAIL = LOWER("
        + address
        + ")) WHEN "
        + optedOut(party)
        + " THEN 'OPTED_OUT'";
  }

  /**
   * {@link #reason} IS NULL, written out as a filter so that the database can plan anti-joins over
   * many contacts.
   */
  public static String allows(String contact, String party, String address) {
    return "("
        + contact
        + ".PARTY_ID IS NOT NULL AND "
        + contact
        + ".ENABLED = 'Y' AND "
        + usableAddress(address)
        + " AND "
        + solicitationNotDenied(contact)
        + " AND NOT "
        + addressSuppressed(address)
        + " AND NOT "
        + optedOut(party)
        + ")";
  }

  /**
   * The outer joins that {@link #allowsJoined} reads: the address's suppression (at most one row:
   * the address is CM_SUPPRESSION's key) and the party's active opt-outs (reduced to distinct
   * parties), so that a count over many contacts hashes them instead of probing them per contact.
   */
  public static String joins(String contact, String address) {
    return " LEFT JOIN "
        + SUPPRESSION
        + " sendability_s ON sendability_s.EMAIL = LOWER("
        + address
        + ") LEFT JOIN (SELECT DISTINCT oo.PARTY_ID FROM CM_CONTACT_OPT_OUT oo"
        + " WHERE oo.WITHDRAWN_AT IS NULL) sendability_o ON sendability_o.PARTY_ID = "
        + contact
        + ".PARTY_ID";
  }

  /** {@link #allows} over the outer joins of {@link #joins} ({@code contact} inner-joined). */
  public static String allowsJoined(String contact, String address) {
    return "("
        + contact
        + ".ENABLED = 'Y' AND "
        + usableAddress(address)
        + " AND "
        + solicitationNotDenied(contact)
        + " AND sendability_s.EMAIL IS NULL AND sendability_o.PARTY_ID IS NULL)";
  }

  private static String solicitationNotDenied(String contact) {
    return solicitation(contact + ".ALLOW_SOLICITATION") + " <> 'N'";
  }

  private static String optedOut(String party) {
    return "EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x WHERE x.PARTY_ID = "
        + party
        + " AND x.WITHDRAWN_AT IS NULL)";
  }
}
