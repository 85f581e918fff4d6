package org.erpcampaigns.contacts.boundary;

import jakarta.ejb.ApplicationException;

/** A contact id that the ERP does not know. */
@ApplicationException(rollback = true)
public class UnknownContactException extends RuntimeException {
  private final String contactId;

  public UnknownContactException(String contactId) {
    super("unknown contact " + contactId);
    this.contactId = contactId;
  }

  public String getContactId() {
    return contactId;
  }
}
