package org.erpcampaigns.audiences.entity;

/** READY, or REFRESHING while the members are being rebuilt. */
public enum ListStatus {
  READY,
  REFRESHING
}
