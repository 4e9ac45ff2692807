package dev.securechat.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * What the TLS listener needs: the private key, the certificate chain (leaf first) and the
 * fingerprint that clients pin (see {@link ServerCertificates#fingerprintOf}).
 *
 * <p>The chain is copied in and out, since arrays are mutable; {@link #toString()} leaves the key
 * out.
 */
public record ServerIdentity(PrivateKey key, X509Certificate[] chain, String fingerprint) {
  public ServerIdentity {
    if (chain.length == 0) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
    chain = chain.clone();
  }

  @Override
  public X509Certificate[] chain() {
    return chain.clone();
  }

  public X509Certificate leaf() {
    return chain[0];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerIdentity that
        && key.equals(that.key)
        && Arrays.equals(chain, that.chain)
        && fingerprint.equals(that.fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "ServerIdentity[subject="
        + leaf().getSubjectX500Principal().getName()
        + ", chainLength="
        + chain.length
        + ", fingerprint="
        + fingerprint
        + "]";
  }
}
