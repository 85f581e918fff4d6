package org.erpcampaigns.mailings.boundary;

/** A distribution list as the send dialog offers it. */
public record DistributionListChoice(long id, String name, String status, long memberCount) {
  public boolean isRefreshing() {
    return "REFRESHING".equals(status);
  }
}
