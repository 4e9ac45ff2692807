package dev.securechat.client.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client-side trust manager that checks a server by its key, not by a certificate authority: what
 * every such manager refuses is here once (client certificates, a check without the server's
 * address), so subclasses only say how a server's key is judged.
 */
public abstract class ServerKeyTrustManager extends X509ExtendedTrustManager {

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the server's address is needed to check its key");
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    refuseClient();
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    refuseClient();
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    refuseClient();
  }

  @Override
  public final X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private static void refuseClient() throws CertificateException {
    throw new CertificateException("a client does not accept client certificates");
  }
}
