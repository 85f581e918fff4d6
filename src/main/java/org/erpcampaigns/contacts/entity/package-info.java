/**
 * The ERP's contacts as erp-campaigns reads them. These classes carry no mapping annotations: the
 * mapping file chosen by {@code campaigns.erp.mapping} (config/orm-ofbiz.xml, config/orm-flat.xml,
 * or an admin's own) maps them onto the ERP's tables, so another ERP needs no code change. They are
 * read-only; the only write-back is consent, done by the contacts boundary.
 */
package org.erpcampaigns.contacts.entity;
