package org.erpcampaigns.mailings;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the SMTP tests: a self-signed certificate for localhost and 127.0.0.1
 * (src/test/resources/smtp-test-tls.p12, made with keytool; test only), as the server's identity,
 * and a client that trusts it.
 */
public final class TestTls {
  private static final char[] PASSWORD = "test-only".toCharArray();

  private TestTls() {}

  private static KeyStore keyStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestTls.class.getResourceAsStream("/smtp-test-tls.p12")) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  /** The server side: presents the test certificate. */
  public static SSLContext server() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore(), PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** The client side: trusts the test certificate (and nothing else). */
  public static SSLSocketFactory trustingClient() throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keyStore());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }
}
