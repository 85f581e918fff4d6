package org.erpcampaigns.contacts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One ERP party as a marketer sees it: who, how to reach them by email, where, in which roles. The
 * email is the one marketing should use (a marketing email before a primary one) among the
 * currently valid ones; the address is the primary location. The columns are the same in the
 * mapping's live contact view ({@link Contact}) and in the contact index ({@link IndexedContact}).
 */
@MappedSuperclass
public abstract class ContactCard {
  @Id
  @Column(name = "PARTY_ID")
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "CONTACT_TYPE")
  private ContactType type;

  @Column(name = "ENABLED")
  private String enabled;

  @Column(name = "SALUTATION")
  private String salutation;

  @Column(name = "FIRST_NAME")
  private String firstName;

  @Column(name = "LAST_NAME")
  private String lastName;

  @Column(name = "GENDER")
  private String gender;

  @Column(name = "BIRTH_DATE")
  private LocalDate birthDate;

  @Column(name = "ORGANISATION_NAME")
  private String organisationName;

  @Column(name = "DISPLAY_NAME")
  private String displayName;

  @Column(name = "EMAIL")
  private String email;

  @Column(name = "ALLOW_SOLICITATION")
  private String allowSolicitation;

  @Column(name = "ADDRESS")
  private String address;

  @Column(name = "CITY")
  private String city;

  @Column(name = "POSTAL_CODE")
  private String postalCode;

  @Column(name = "STATE_PROVINCE")
  private String stateProvince;

  @Column(name = "COUNTRY")
  private String country;

  @Column(name = "ROLES")
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
