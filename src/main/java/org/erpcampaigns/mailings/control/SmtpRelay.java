package org.erpcampaigns.mailings.control;

import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Locale;
import java.util.Properties;

/**
 * How the application logs in to its SMTP relay and protects the connection, from configuration
 * ({@code campaigns.smtp.security}, {@code .user}, {@code .password}, {@code .ssl-trust}), added to
 * the container's mail session (host and port): most relays (a provider's, or the company's own)
 * want a login, and the login must not cross the network in clear.
 */
public final class SmtpRelay {

  /** Transport security towards the relay. */
  public enum Security {
    /** Plain SMTP (a relay on the same host or a trusted network). */
    NONE,
    /** Plain connection upgraded with STARTTLS before anything else; refused when not offered. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS
  }

  private final Security security;
  private final String user;
  private final String password;
  private final String sslTrust;

  /**
   * Reads the configured values; blank ones count as not given. An unknown security value is an
   * {@link IllegalArgumentException} naming the setting and the accepted values.
   */
  public SmtpRelay(String security, String user, String password, String sslTrust) {
    this.security = parse(security);
    this.user = blankToNull(user);
    this.password = password == null ? "" : password;
    this.sslTrust = blankToNull(sslTrust);
    if (this.user == null && !this.password.isEmpty()) {
      throw new IllegalArgumentException(
          "campaigns.smtp.password is set but campaigns.smtp.user is not: set both to log in to"
              + " the SMTP relay, or neither");
    }
  }

  private static Security parse(String value) {
    String v = value == null || value.isBlank() ? "none" : value.strip();
    try {
      return Security.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "campaigns.smtp.security must be none, starttls or tls, not '" + v + "'", e);
    }
  }

  public Security security() {
    return security;
  }

  /** The login name, or null when the relay takes mail without a login. */
  public String user() {
    return user;
  }

  /** The password of {@link #user()}. */
  public String password() {
    return password;
  }

  /**
   * The mail session's properties with this relay's login and security: what Jakarta Mail's
   * transport and {@link PipelinedSmtpConnection.Settings#of} read.
   */
  public Properties properties(Properties container) {
    Properties p = new Properties();
    p.putAll(container);
    switch (security) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> {
        // as the container's session says
      }
    }
    if (user != null) {
      p.setProperty("mail.smtp.auth", "true");
      p.setProperty("mail.smtp.user", user);
    }
    if (sslTrust != null) {
      p.setProperty("mail.smtp.ssl.trust", sslTrust);
    }
    return p;
  }

  /** A mail session with these properties that logs in with the configured user. */
  public Session session(Properties properties) {
    if (user == null) {
      return Session.getInstance(properties);
    }
    PasswordAuthentication login = new PasswordAuthentication(user, password);
    return Session.getInstance(
        properties,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return login;
          }
        });
  }

  @Override
  public String toString() {
    return "security="
        + security.name().toLowerCase(Locale.ROOT)
        + " login="
        + (user == null ? "none" : user)
        + (sslTrust == null ? "" : " ssl-trust=" + sslTrust);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
