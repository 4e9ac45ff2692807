/**
 * Pairwise end-to-end sessions (crypto.md "Session setup" and "Double Ratchet"): the signed X25519
 * + ML-KEM-768 + RSA-OAEP initiation, the Double Ratchet, and {@link
 * dev.securechat.crypto.session.PeerSession}, the per-peer set of sessions the client loads, uses
 * and saves under its per-peer lock. Nothing here is thread-safe by design.
 */
package dev.securechat.crypto.session;
