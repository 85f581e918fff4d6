package org.erpcampaigns.contacts.entity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One ERP party as a marketer sees it: who, how to reach them by email, where, in which roles. The
 * email is the one marketing should use (a marketing email before a primary one) among the
 * currently valid ones; the address is the primary location.
 */
public class Contact {
  private String id;
  private ContactType type;
  private String enabled;
  private String salutation;
  private String firstName;
  private String lastName;
  private String gender;
  private LocalDate birthDate;
  private String organisationName;
  private String displayName;
  private String email;
  private String allowSolicitation;
  private String address;
  private String city;
  private String postalCode;
  private String stateProvince;
  private String country;
  private String roles;

  public String getId() {
    return id;
  }

  public ContactType getType() {
    return type;
  }

  public boolean isOrganisation() {
    return type == ContactType.ORGANISATION;
  }

  /** False when the ERP has disabled the party (OFBiz PARTY_DISABLED): it is never mailed. */
  public boolean isEnabled() {
    return !"N".equals(enabled);
  }

  public String getSalutation() {
    return salutation;
  }

  public String getFirstName() {
    return firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public String getGender() {
    return gender;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public String getOrganisationName() {
    return organisationName;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  /**
   * The ERP's consent for the email address: TRUE (allowed), FALSE (refused), or null when the ERP
   * does not say.
   */
  public Boolean getSolicitationAllowed() {
    if (allowSolicitation == null) {
      return null;
    }
    return "Y".equals(allowSolicitation);
  }

  public String getAddress() {
    return address;
  }

  public String getCity() {
    return city;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public String getStateProvince() {
    return stateProvince;
  }

  public String getCountry() {
    return country;
  }

  public List<String> getRoles() {
    if (roles == null || roles.isBlank()) {
      return List.of();
    }
    return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
  }
}
