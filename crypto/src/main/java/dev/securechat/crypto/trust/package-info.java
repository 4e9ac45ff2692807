/**
 * Identity trust (crypto.md, "Identity and trust"): the 60-digit {@link
 * dev.securechat.crypto.trust.SafetyNumber} two users compare, and the trust-on-first-use {@link
 * dev.securechat.crypto.trust.IdentityPin}. Storing pins is the client's job.
 */
package dev.securechat.crypto.trust;
