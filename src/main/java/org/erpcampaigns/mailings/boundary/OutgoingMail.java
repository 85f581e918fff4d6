package org.erpcampaigns.mailings.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.mailings.control.SmtpRelay;
import org.erpcampaigns.platform.boundary.ApplicationSetup;

/**
 * The SMTP relay as the application uses it: the container's mail session (host, port) with the
 * configured login and transport security ({@code campaigns.smtp.*}) and the SMTP timeouts ({@code
 * campaigns.mail.smtp-timeout-seconds}). Mailings and test sends go out through it.
 */
@ApplicationScoped
public class OutgoingMail {
  private static final Logger LOG = Logger.getLogger(OutgoingMail.class.getName());

  @Resource(lookup = ApplicationSetup.MAIL_SESSION)
  Session container;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.security", defaultValue = "none")
  String security;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.ssl-trust")
  Optional<String> sslTrust;

  @Inject
  @ConfigProperty(name = "campaigns.mail.smtp-timeout-seconds", defaultValue = "30")
  int smtpTimeoutSeconds;

  private SmtpRelay relay;
  private Properties properties;
  private Session interactiveSession;

  /** At most this long a user waits for a test send's relay to answer (each step). */
  static final int INTERACTIVE_TIMEOUT_SECONDS = 15;

  private static void timeouts(Properties p, int seconds) {
    String ms = String.valueOf(seconds * 1000L);
    p.setProperty("mail.smtp.connectiontimeout", ms);
    p.setProperty("mail.smtp.timeout", ms);
    p.setProperty("mail.smtp.writetimeout", ms);
  }

  @PostConstruct
  void init() {
    relay =
        new SmtpRelay(security, user.orElse(null), password.orElse(null), sslTrust.orElse(null));
    properties = relay.properties(container.getProperties());
    // a relay that accepts the connection and then says nothing must not hold a sender thread, or
    // a user waiting for a test send, for ever
    timeouts(properties, smtpTimeoutSeconds);
    Properties interactive = properties();
    timeouts(interactive, Math.min(smtpTimeoutSeconds, INTERACTIVE_TIMEOUT_SECONDS));
    interactiveSession = relay.session(interactive);
    if (relay.user() != null && relay.security() == SmtpRelay.Security.NONE) {
      LOG.warning(
          () ->
              "event=smtp-login-in-clear user="
                  + relay.user()
                  + ": the relay password crosses the network unencrypted; set"
                  + " campaigns.smtp.security to starttls or tls unless the relay is on this host");
    }
  }

  public SmtpRelay relay() {
    return relay;
  }

  /** The mail session's properties with the relay's login and security (a copy). */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(properties);
    return p;
  }

  /**
   * A mail session that reaches the relay as configured (logs in when a user is set), for a user
   * who waits for the answer (test sends): the SMTP timeouts at most {@value
   * #INTERACTIVE_TIMEOUT_SECONDS} seconds. The sender builds its own from {@link #properties()}.
   */
  public Session interactiveSession() {
    return interactiveSession;
  }
}
