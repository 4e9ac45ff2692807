/** The SecureChat wire protocol. */
package dev.securechat.protocol;
