package org.erpcampaigns.platform.control;

import org.erpcampaigns.platform.control.RuleException.Kind;

/**
 * Keeps an installation administrable: a change that takes an enabled admin's rights away
 * (disabling them, or removing their campaign-admin role) is refused when they are the last enabled
 * admin, and an admin may not do it to themself (another admin must, so nobody locks themself out
 * by a slip). The count of enabled admins is read under lock, so two admins demoting each other at
 * the same moment cannot both succeed.
 *
 * @param actor who asks for the change
 * @param target whose account changes
 * @param targetIsEnabledAdmin whether the target is an enabled admin now
 * @param enabledAdmins how many enabled admins there are now, the target included
 * @param staysEnabled whether the target is enabled after the change
 * @param staysAdmin whether the target has the campaign-admin role after the change
 */
public record AdminSafeguard(
    String actor,
    String target,
    boolean targetIsEnabledAdmin,
    int enabledAdmins,
    boolean staysEnabled,
    boolean staysAdmin) {

  /** Refuses the change (409, nothing changed) when it would break the rule; else does nothing. */
  public void check() {
    if (!targetIsEnabledAdmin || (staysEnabled && staysAdmin)) {
      return;
    }
    if (enabledAdmins <= 1) {
      throw new UserRefused(Kind.CONFLICT, "user.error.lastAdmin", target);
    }
    if (actor.equals(target)) {
      throw new UserRefused(
          Kind.CONFLICT, staysEnabled ? "user.error.selfDemote" : "user.error.selfDisable");
    }
  }
}
