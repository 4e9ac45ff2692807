package dev.securechat.bench.load;

/** How a simulated client authenticates once TLS and the hello exchange are done. */
public enum LoginMode {
  /** {@code Resume} with the account's device token: a reconnect, no Argon2 on the server. */
  RESUME,
  /** {@code Login} with the login secret: one Argon2 verification on the server. */
  PASSWORD,
  /** {@code Register} (a taken name is fine: an earlier run made it), then {@code Login}. */
  REGISTER,
  /** No login: the connection stays after {@code HelloOk}, as an idle unauthenticated client. */
  NONE
}
