package org.erpcampaigns.contacts.entity;

import java.time.LocalDateTime;

/**
 * A currently valid relationship of a contact with another party, seen from the contact: for an
 * organisation its contact persons, for a person the organisations they work for.
 */
public class ContactRelation {
  private String id;
  private String contactId;
  private String relatedId;
  private String relatedName;
  private String relatedRole;
  private String ownRole;
  private String relationshipType;
  private String positionTitle;
  private LocalDateTime validFrom;

  public String getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public String getRelatedId() {
    return relatedId;
  }

  public String getRelatedName() {
    return relatedName;
  }

  public String getRelatedRole() {
    return relatedRole;
  }

  public String getOwnRole() {
    return ownRole;
  }

  public String getRelationshipType() {
    return relationshipType;
  }

  public String getPositionTitle() {
    return positionTitle;
  }

  public LocalDateTime getValidFrom() {
    return validFrom;
  }
}
