package dev.securechat.bench.load;

import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerKeyTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;

/**
 * Trusts the servers under test by key, as the real client pins them: the fingerprints given, or
 * for each target the first key it shows in this run. It also tells full handshakes from resumed
 * ones: only a full TLS 1.3 handshake carries the server's certificate, so only a full one reaches
 * this trust manager. A resumed handshake (session ticket) never does.
 */
public final class ServerTrust extends ServerKeyTrustManager {
  private final Set<String> accepted;
  private final Map<Target, String> firstUse = new ConcurrentHashMap<>();
  private final Map<SSLEngine, Target> pending = new ConcurrentHashMap<>();
  private final Set<SSLEngine> full = ConcurrentHashMap.newKeySet();
  private final LongAdder fullHandshakes = new LongAdder();

  /**
   * @param fingerprints the accepted key fingerprints ({@code SHA256:ab:...}); empty to trust each
   *     target's first key for the rest of the run
   */
  public ServerTrust(Set<String> fingerprints) {
    this.accepted = Set.copyOf(fingerprints);
  }

  /** Called before the handshake starts, so the check knows which server the engine talks to. */
  void expect(SSLEngine engine, Target target) {
    pending.put(engine, target);
  }

  /** After the handshake: true if it was a full one (the certificate was checked). */
  boolean completed(SSLEngine engine) {
    pending.remove(engine);
    return full.remove(engine);
  }

  /** Full handshakes seen so far, in all. */
  public long fullHandshakes() {
    return fullHandshakes.sum();
  }

  /** The key each target showed, for the report. */
  public Map<Target, String> seen() {
    return Map.copyOf(firstUse);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    String presented = KnownServers.fingerprint(chain[0].getPublicKey());
    Target target = pending.get(engine);
    if (target == null) {
      throw new CertificateException("a handshake the bench did not start");
    }
    String trusted =
        accepted.isEmpty()
            ? firstUse.computeIfAbsent(target, t -> presented)
            : accepted.contains(presented) ? presented : "";
    if (!trusted.equals(presented)) {
      throw new CertificateException(
          target + " presented " + presented + ", not the key trusted for this run");
    }
    full.add(engine);
    fullHandshakes.increment();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the bench connects through SSLEngine only");
  }
}
