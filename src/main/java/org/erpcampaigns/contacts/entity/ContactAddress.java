package org.erpcampaigns.contacts.entity;

import java.time.LocalDateTime;

/** A currently valid postal address of a contact with its purposes (primary, billing, ...). */
public class ContactAddress {
  private String id;
  private String contactId;
  private String purposes;
  private String toName;
  private String address1;
  private String address2;
  private String postalCode;
  private String city;
  private String stateProvince;
  private String country;
  private LocalDateTime validFrom;

  public String getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public String getPurposes() {
    return purposes;
  }

  public String getToName() {
    return toName;
  }

  public String getAddress1() {
    return address1;
  }

  public String getAddress2() {
    return address2;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public String getCity() {
    return city;
  }

  public String getStateProvince() {
    return stateProvince;
  }

  public String getCountry() {
    return country;
  }

  public LocalDateTime getValidFrom() {
    return validFrom;
  }
}
