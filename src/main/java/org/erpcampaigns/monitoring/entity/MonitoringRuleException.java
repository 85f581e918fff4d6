package org.erpcampaigns.monitoring.entity;

import org.erpcampaigns.platform.control.RuleException;

/**
 * A monitoring request that cannot be answered as asked (an unknown recipients filter, a list
 * without a name), as a message key and its arguments, the same sentence on screens and in the API.
 */
public class MonitoringRuleException extends RuleException {
  private static final long serialVersionUID = 1L;

  public MonitoringRuleException(Kind kind, String key, Object... args) {
    super(kind, key, args);
  }

  public static MonitoringRuleException invalid(String key, Object... args) {
    return new MonitoringRuleException(Kind.INVALID, key, args);
  }
}
