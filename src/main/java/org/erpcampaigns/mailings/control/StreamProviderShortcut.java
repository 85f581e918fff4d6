package org.erpcampaigns.mailings.control;

import jakarta.mail.util.StreamProvider;
import java.util.logging.Logger;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up through the {@link java.util.ServiceLoader}
 * for every body part it creates and every part it encodes (jakartaee/mail-api#861). Inside a web
 * application each lookup scans every jar of WEB-INF/lib: measured, a quarter of the sender's CPU.
 * Naming the provider in the system property the API reads first takes the short path (one {@code
 * Class.forName} per lookup). Only done when the provider belongs to the server, not to this
 * application, so that every other application on the server can load the class too.
 */
public final class StreamProviderShortcut {
  private static final Logger LOG = Logger.getLogger(StreamProviderShortcut.class.getName());

  private StreamProviderShortcut() {}

  /** Names the server's stream provider unless an administrator already named one. */
  public static void apply() {
    String key = StreamProvider.class.getName();
    if (System.getProperty(key) != null) {
      return;
    }
    Class<?> provider = StreamProvider.provider().getClass();
    if (provider.getClassLoader() == StreamProviderShortcut.class.getClassLoader()) {
      LOG.info(() -> "event=stream-provider-unnamed reason=provided-by-application");
      return;
    }
    System.setProperty(key, provider.getName());
    LOG.info(() -> "event=stream-provider-named class=" + provider.getName());
  }
}
