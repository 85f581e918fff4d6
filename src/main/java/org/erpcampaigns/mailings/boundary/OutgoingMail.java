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
  private Session session;

  @PostConstruct
  void init() {
    relay =
        new SmtpRelay(security, user.orElse(null), password.orElse(null), sslTrust.orElse(null));
    properties = relay.properties(container.getProperties());
    // for mailings and test sends alike: a relay that accepts the connection and then says nothing
    // must not hold a sender thread, or a user waiting for a test send, for ever
    String ms = String.valueOf(smtpTimeoutSeconds * 1000L);
    properties.setProperty("mail.smtp.connectiontimeout", ms);
    properties.setProperty("mail.smtp.timeout", ms);
    properties.setProperty("mail.smtp.writetimeout", ms);
    session = relay.session(properties);
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

  /** A mail session that reaches the relay as configured (logs in when a user is set). */
  public Session session() {
    return session;
  }
}
