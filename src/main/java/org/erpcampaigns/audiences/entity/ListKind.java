package org.erpcampaigns.audiences.entity;

/**
 * STATIC: a timestamped snapshot, refreshed on demand. DYNAMIC: re-evaluated when a send starts.
 */
public enum ListKind {
  STATIC,
  DYNAMIC
}
