package org.erpcampaigns.audiences.entity;

/** How a condition compares its field with its values; each field allows some of them. */
public enum Operator {
  IS,
  IS_NOT,
  IN,
  NOT_IN,
  STARTS_WITH,
  AT_LEAST,
  AT_MOST,
  BETWEEN,
  BEFORE,
  AFTER,
  MORE_THAN_DAYS_AGO
}
