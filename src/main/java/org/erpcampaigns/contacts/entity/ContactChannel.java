package org.erpcampaigns.contacts.entity;

import java.time.LocalDateTime;

/**
 * An email address or telephone number of a contact, current or expired, with its purposes and the
 * ERP's consent flag: the detail page shows why a contact is or is not reachable.
 */
public class ContactChannel {
  /** What kind of channel: EMAIL or PHONE. */
  public enum Kind {
    EMAIL,
    PHONE
  }

  private String id;
  private String contactId;
  private Kind kind;
  private String value;
  private String purposes;
  private String allowSolicitation;
  private LocalDateTime validFrom;
  private LocalDateTime validThru;

  public String getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public Kind getKind() {
    return kind;
  }

  public String getValue() {
    return value;
  }

  public String getPurposes() {
    return purposes;
  }

  public Boolean getSolicitationAllowed() {
    return allowSolicitation == null ? null : "Y".equals(allowSolicitation);
  }

  public LocalDateTime getValidFrom() {
    return validFrom;
  }

  public LocalDateTime getValidThru() {
    return validThru;
  }

  /** Valid now: not yet expired (THRU_DATE in the future or none) and already started. */
  public boolean isValidAt(LocalDateTime now) {
    return (validThru == null || validThru.isAfter(now))
        && (validFrom == null || !validFrom.isAfter(now));
  }
}
