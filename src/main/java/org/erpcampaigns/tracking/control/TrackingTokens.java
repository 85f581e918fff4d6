package org.erpcampaigns.tracking.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-signed tokens for tracking and unsubscribe links (shared/DESIGN.md §5). A token names one
 * outbox row and is only valid for the purpose it was made for; a click token also binds the target
 * URL, so a redirect can only go to an address that the message contained. A forged or altered
 * token does not verify.
 *
 * <p>Format: the outbox id in base 36, a dot, then 128 bits of HMAC-SHA256 in base64url. A return
 * path token ({@link #signReturnPath}) goes into the local part of an address, which some mail
 * servers lower-case: the outbox id in base 36, a hyphen, then 80 bits of the same HMAC in
 * lower-case base 32 (RFC 4648), so that it reads the same in any case.
 */
public final class TrackingTokens {

  /** What a token may be used for; part of what is signed. */
  public enum Purpose {
    OPEN,
    CLICK,
    UNSUBSCRIBE,
    /** The envelope sender (VERP) of a message: a bounce sent to it names the message. */
    RETURN_PATH
  }

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final int MIN_SECRET_BYTES = 16;

  // 80 bits: out of reach of guessing through a mailbox, and 16 characters in the address
  private static final int RETURN_PATH_MAC_BYTES = 10;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final SecretKeySpec key;

  // Mac.getInstance and init look up the provider and expand the key: per token that was a large
  // part of rendering a message with many links. One initialised Mac per thread, reset by doFinal.
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public TrackingTokens(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the tracking secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** A token for an open pixel or an unsubscribe link of one message. */
  public String sign(long outboxId, Purpose purpose) {
    if (purpose == Purpose.CLICK) {
      throw new IllegalArgumentException("a click token needs its target URL");
    }
    if (purpose == Purpose.RETURN_PATH) {
      throw new IllegalArgumentException("a return path token is made by signReturnPath");
    }
    return sign(outboxId, purpose, null);
  }

  /** A click token: valid only for this message and this target URL. */
  public String signClick(long outboxId, String url) {
    return sign(outboxId, Purpose.CLICK, Objects.requireNonNull(url));
  }

  /** The outbox id the token names, or empty when it is malformed, forged or for another use. */
  public OptionalLong verify(String token, Purpose purpose) {
    return purpose == Purpose.CLICK || purpose == Purpose.RETURN_PATH
        ? OptionalLong.empty()
        : verify(token, purpose, null);
  }

  /** The outbox id of a click token, or empty unless it was made for exactly this URL. */
  public OptionalLong verifyClick(String token, String url) {
    return url == null ? OptionalLong.empty() : verify(token, Purpose.CLICK, url);
  }

  /**
   * A token for the local part of a message's envelope sender: lower case letters, digits and one
   * hyphen, at most 30 characters.
   */
  public String signReturnPath(long outboxId) {
    if (outboxId <= 0) {
      throw new IllegalArgumentException("outbox ids are positive: " + outboxId);
    }
    return Long.toString(outboxId, 36) + '-' + base32(returnPathMac(outboxId));
  }

  /**
   * The outbox id a return path token names, in any case (a server may have lower- or upper-cased
   * the address); empty when it is malformed, forged or altered.
   */
  public OptionalLong verifyReturnPath(String token) {
    if (token == null || token.length() > 40) {
      return OptionalLong.empty();
    }
    String lower = token.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    if (dash < 1 || dash == lower.length() - 1) {
      return OptionalLong.empty();
    }
    long outboxId;
    try {
      outboxId = Long.parseLong(lower.substring(0, dash), 36);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    if (outboxId <= 0) {
      return OptionalLong.empty();
    }
    // compared as a whole in its canonical form: a leading zero or a sign was not made by us
    byte[] expected = signReturnPath(outboxId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(lower.getBytes(StandardCharsets.US_ASCII), expected)
        ? OptionalLong.of(outboxId)
        : OptionalLong.empty();
  }

  private byte[] returnPathMac(long outboxId) {
    return Arrays.copyOf(mac(outboxId, Purpose.RETURN_PATH, null), RETURN_PATH_MAC_BYTES);
  }

  /** RFC 4648 base 32 in lower case, without padding (10 bytes: 16 characters). */
  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  private String sign(long outboxId, Purpose purpose, String url) {
    if (outboxId <= 0) {
      throw new IllegalArgumentException("outbox ids are positive: " + outboxId);
    }
    return Long.toString(outboxId, 36)
        + '.'
        + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(outboxId, purpose, url));
  }

  private OptionalLong verify(String token, Purpose purpose, String url) {
    if (token == null || token.length() > 64) {
      return OptionalLong.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 1 || dot == token.length() - 1) {
      return OptionalLong.empty();
    }
    long outboxId;
    byte[] given;
    try {
      outboxId = Long.parseLong(token.substring(0, dot), 36);
      given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
    // The canonical form only: a token that decodes to the same values but is spelt otherwise
    // (upper case, a leading zero, padding) was not made by us.
    if (outboxId <= 0 || !token.equals(sign(outboxId, purpose, url))) {
      return OptionalLong.empty();
    }
    return MessageDigest.isEqual(given, mac(outboxId, purpose, url))
        ? OptionalLong.of(outboxId)
        : OptionalLong.empty();
  }

  private byte[] mac(long outboxId, Purpose purpose, String url) {
    String signed = purpose.name() + ':' + outboxId + (url == null ? "" : ':' + url);
    return Arrays.copyOf(macs.get().doFinal(signed.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
