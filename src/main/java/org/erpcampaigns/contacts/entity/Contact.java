package org.erpcampaigns.contacts.entity;

/**
 * A contact read live from the ERP through the mapping's contact view (config/orm-*.xml names it):
 * always current, used for one contact at a time. Lists and searches use the {@link IndexedContact}
 * copy, which the database can sort and filter fast.
 */
public class Contact extends ContactCard {}
