package org.erpcampaigns.tracking.control;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The envelope sender of each marketing message (VERP): with a configured bounce address such as
 * {@code bounces@news.example.com} ({@code campaigns.mail.return-path}), a message goes out from
 * {@code bounces+<token>@news.example.com}, the token naming its outbox row, signed ({@link
 * TrackingTokens#signReturnPath}). Bounces and automatic replies go to the envelope sender, so the
 * address they arrive at names the message even when they quote nothing of it. The receiving
 * server, not we, writes the Return-Path header from it.
 *
 * <p>Recognising works whether or not an address is configured now: a token is valid as long as the
 * tracking secret is the same, so bounces of messages sent before the setting was removed are still
 * matched.
 */
public final class ReturnPaths {
  /** The longest local part an address may have (RFC 5321 §4.5.3.1.1). */
  static final int MAX_LOCAL_PART = 64;

  /** The longest token: the largest outbox id in base 36 (13), a hyphen, 16 of base 32. */
  private static final int MAX_TOKEN = 30;

  /**
   * Where a mail server writes the address a message was delivered to (the envelope recipient),
   * then where a bounce names it, then where a returned message quotes it: most trustworthy first.
   */
  private static final List<String> HEADERS =
      List.of(
          "Delivered-To",
          "X-Original-To",
          "Envelope-To",
          "X-Envelope-To",
          "X-Delivered-To",
          "To",
          "Cc",
          "Return-Path");

  private static final Pattern TOKEN =
      Pattern.compile("\\+([0-9a-z]{1,13}-[a-z2-7]{16})@", Pattern.CASE_INSENSITIVE);

  private final TrackingTokens tokens;
  private final String local;
  private final String domain;

  /**
   * @param configured the bounce address, {@code local@domain}; null or blank: messages keep their
   *     sender as envelope sender
   * @throws IllegalArgumentException when it is set but not a plain address, or its local part
   *     leaves no room for a token
   */
  public ReturnPaths(TrackingTokens tokens, String configured) {
    this.tokens = tokens;
    if (configured == null || configured.isBlank()) {
      local = null;
      domain = null;
      return;
    }
    String address = configured.strip();
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
        throw new AddressException("a display name or angle brackets");
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "campaigns.mail.return-path must be an address such as bounces@news.example.com, not '"
              + address
              + "'",
          e);
    }
    int at = address.lastIndexOf('@');
    if (at < 1 || address.indexOf('@') != at || address.startsWith("\"")) {
      throw new IllegalArgumentException(
          "campaigns.mail.return-path must be an address such as bounces@news.example.com, not '"
              + address
              + "'");
    }
    local = address.substring(0, at);
    domain = address.substring(at + 1);
    if (local.length() + 1 + MAX_TOKEN > MAX_LOCAL_PART) {
      throw new IllegalArgumentException(
          "the local part of campaigns.mail.return-path ("
              + local
              + ") may have at most "
              + (MAX_LOCAL_PART - 1 - MAX_TOKEN)
              + " characters: the signed token must fit into 64");
    }
  }

  /** Whether messages go out from a return path of their own. */
  public boolean enabled() {
    return local != null;
  }

  /** The domain of the configured bounce address; empty when none is configured. */
  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  /**
   * The envelope sender of a message, {@code local+token@domain}; empty when none is configured.
   */
  public Optional<String> address(long outboxId) {
    return enabled()
        ? Optional.of(local + '+' + tokens.signReturnPath(outboxId) + '@' + domain)
        : Optional.empty();
  }

  /**
   * The outbox row whose return path received this message: the first address with a valid token in
   * the headers where servers write the envelope recipient, in To and Cc, and in Return-Path; empty
   * when none has one (a forged or altered token is none).
   */
  public OptionalLong outboxIdIn(MimeMessage message) throws MessagingException {
    for (String header : HEADERS) {
      String[] values = message.getHeader(header);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        OptionalLong id = outboxIdOf(value);
        if (id.isPresent()) {
          return id;
        }
      }
    }
    return OptionalLong.empty();
  }

  /** The outbox row of the first valid return path in a header value or address. */
  public OptionalLong outboxIdOf(String addresses) {
    if (addresses == null) {
      return OptionalLong.empty();
    }
    Matcher m = TOKEN.matcher(addresses);
    while (m.find()) {
      OptionalLong id = tokens.verifyReturnPath(m.group(1).toLowerCase(Locale.ROOT));
      if (id.isPresent()) {
        return id;
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public String toString() {
    return enabled() ? local + "+<token>@" + domain : "from-address";
  }
}
