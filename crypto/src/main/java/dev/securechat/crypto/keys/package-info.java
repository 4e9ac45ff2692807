/**
 * A user's long-term and medium-term key material (crypto.md "Keys each user has"): the RSA
 * identity key, the signed, KEM and RSA prekeys with their one-time prekeys, and the public bundle
 * a peer fetches to start a session.
 */
package dev.securechat.crypto.keys;
