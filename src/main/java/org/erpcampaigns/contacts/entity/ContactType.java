package org.erpcampaigns.contacts.entity;

/** B2C contacts are persons, B2B contacts are organisations (with their contact persons). */
public enum ContactType {
  PERSON,
  ORGANISATION
}
