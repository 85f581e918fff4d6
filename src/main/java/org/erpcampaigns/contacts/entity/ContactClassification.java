package org.erpcampaigns.contacts.entity;

import java.time.LocalDateTime;

/** A currently valid classification group of a contact (VIP, key account, ...). */
public class ContactClassification {
  private String id;
  private String contactId;
  private String groupId;
  private String description;
  private String classificationType;
  private LocalDateTime validFrom;

  public String getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public String getGroupId() {
    return groupId;
  }

  public String getDescription() {
    return description;
  }

  public String getClassificationType() {
    return classificationType;
  }

  public LocalDateTime getValidFrom() {
    return validFrom;
  }
}
