/** End-to-end cryptography for SecureChat clients. */
package dev.securechat.crypto;
