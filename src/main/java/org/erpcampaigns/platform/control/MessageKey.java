package org.erpcampaigns.platform.control;

/**
 * A message argument that is itself a text of the bundles (a field's name, a status, an operator),
 * so it is shown in the reader's language too.
 */
public interface MessageKey {
  String key();
}
