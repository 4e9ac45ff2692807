package dev.securechat.client.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;

/**
 * Trusts a server by its pinned key instead of a certificate authority: the first key seen for a
 * host and port is pinned (if the person accepts it), and a different key later is refused.
 */
final class PinningTrustManager extends ServerKeyTrustManager {
  private final KnownServers known;
  private final TrustOnFirstUse firstUse;

  PinningTrustManager(KnownServers known, TrustOnFirstUse firstUse) {
    this.known = known;
    this.firstUse = firstUse;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, engine.getPeerHost() + ":" + engine.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, socket.getInetAddress().getHostName() + ":" + socket.getPort());
  }

  private void check(X509Certificate[] chain, String server) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    String presented = KnownServers.fingerprint(chain[0].getPublicKey());
    var pinned = known.pinned(server);
    if (pinned.isPresent()) {
      if (!pinned.get().equals(presented)) {
        throw new ServerKeyChangedException(server, pinned.get(), presented);
      }
      return;
    }
    if (!firstUse.trust(server, presented)) {
      throw new CertificateException("you chose not to trust " + server + " (" + presented + ")");
    }
    known.pin(server, presented);
  }
}
