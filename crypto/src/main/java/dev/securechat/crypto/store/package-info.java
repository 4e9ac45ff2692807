/**
 * The cryptography of secrets at rest on the client (crypto.md, "Secrets at rest on the client"):
 * the password-wrapped data key ({@link dev.securechat.crypto.store.StoreKey}) and per-record
 * sealing ({@link dev.securechat.crypto.store.RecordSeal}). The SQLite file is the client's job.
 * Byte formats are in docs/crypto-group-store.md.
 */
package dev.securechat.crypto.store;
