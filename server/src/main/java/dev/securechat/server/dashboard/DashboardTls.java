package dev.securechat.server.dashboard;

import dev.securechat.server.tls.ServerIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS settings for the dashboard, from the chat server's own certificate and key, so an
 * operator has one certificate to manage and one fingerprint to check.
 */
final class DashboardTls {
  private DashboardTls() {}

  static SslContextFactory.Server contextFactory(ServerIdentity identity, SecureRandom random)
      throws GeneralSecurityException, IOException {
    // The key store lives only in memory; its password only has to satisfy the KeyStore API.
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("dashboard", identity.key(), password, identity.chain());

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(store);
    ssl.setKeyStorePassword(new String(password));
    ssl.setCertAlias("dashboard");
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    // The self-signed certificate names localhost; a browser reaching it by IP sends no SNI and
    // must not be refused for that.
    ssl.setSniRequired(false);
    return ssl;
  }
}
