package org.erpcampaigns.contacts.entity;

import java.util.regex.Pattern;

/**
 * What the product takes as an email address when someone types or imports one: a list import's
 * email column, a user's notification address. At most 254 characters (RFC 5321's path limit), a
 * local part of the characters RFC 5322 allows unquoted, a domain of labels with a top-level domain
 * of at least two letters. {@link Sendability} checks the addresses the ERP holds, which nobody
 * here typed, with its own looser SQL test.
 */
public final class EmailAddress {
  /** The longest address taken. */
  public static final int MAX_LENGTH = 254;

  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private EmailAddress() {}

  /** Whether {@code value} (as typed, not stripped) is an address the product takes. */
  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && ADDRESS.matcher(value).matches();
  }
}
