package dev.securechat.client.terminal;

import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import java.util.Locale;
import java.util.Optional;

/**
 * Trust on first use, asked outside the TLS handshake: the handshake runs on the network thread
 * under a deadline, and a person reading a fingerprint must not hold either. So the first attempt
 * notes the unknown key and refuses it; then {@link #askAndPin} asks on the person's thread, pins
 * the key if they accept, and the caller connects again.
 */
final class ServerTrust implements TrustOnFirstUse {
  private final KnownServers known;
  private volatile Seen seen;

  /** A key presented by a server this client has never pinned. */
  record Seen(String server, String fingerprint) {}

  ServerTrust(KnownServers known) {
    this.known = known;
  }

  @Override
  public boolean trust(String server, String fingerprint) {
    seen = new Seen(server, fingerprint);
    return false;
  }

  /** The unknown key met by the last attempt, if it failed for that reason. */
  Optional<Seen> takeSeen() {
    Seen s = seen;
    seen = null;
    return Optional.ofNullable(s);
  }

  /** {@code SHA256:} and the 32 bytes on two lines of 16, so it fits 80 columns. */
  static String fingerprintLines(String fingerprint) {
    String hex = fingerprint.startsWith("SHA256:") ? fingerprint.substring(7) : fingerprint;
    String[] bytes = hex.split(":");
    if (bytes.length != 32) {
      return "  " + fingerprint;
    }
    return "  SHA256:\n  "
        + String.join(":", java.util.Arrays.asList(bytes).subList(0, 16))
        + "\n  "
        + String.join(":", java.util.Arrays.asList(bytes).subList(16, 32));
  }

  /** Shows the fingerprint, asks, and pins it if the person says yes. */
  boolean askAndPin(Seen s, Console console) {
    console.show(
        "First connection to "
            + s.server()
            + ". Compare its key fingerprint with the one the server's operator gave you (the"
            + " server prints it at start):");
    console.show(fingerprintLines(s.fingerprint()));
    Optional<String> answer = console.readLine("Trust this server? [y/N] ");
    boolean yes =
        answer
            .map(a -> a.strip().toLowerCase(Locale.ROOT))
            .filter(a -> a.equals("y") || a.equals("yes"))
            .isPresent();
    if (yes) {
      known.pin(s.server(), s.fingerprint());
    }
    return yes;
  }
}
