/**
 * Sender keys for the broadcast conversation (crypto.md, "Broadcast: sender keys"): the sender's
 * own {@link dev.securechat.crypto.group.SenderChain}, the {@link
 * dev.securechat.crypto.group.SenderKeyDistribution} that carries it to each recipient inside the
 * pairwise session, the signed {@link dev.securechat.crypto.group.SenderKeyMessage}, and the
 * receiver side {@link dev.securechat.crypto.group.ReceivedChains}. Byte formats are in
 * docs/crypto-group-store.md.
 *
 * <p>None of these classes is thread-safe: the client holds one lock around load, use and store.
 */
package dev.securechat.crypto.group;
