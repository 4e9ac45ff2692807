package dev.securechat.client.net;

/** Decides whether to trust (and pin) a server whose key this client has never seen. */
@FunctionalInterface
public interface TrustOnFirstUse {
  boolean trust(String server, String fingerprint);

  /** Trusts every new server: for scripts and tests; a person should be asked instead. */
  TrustOnFirstUse ALWAYS = (server, fingerprint) -> true;
}
