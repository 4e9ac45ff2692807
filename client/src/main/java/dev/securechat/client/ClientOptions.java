package dev.securechat.client;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ChatClient} rides out failures.
 *
 * @param reconnect when present, a connection lost after login is re-established by itself, with
 *     this backoff, and the session resumed with the device token; when empty (the default) the
 *     application reconnects
 * @param sendRetry how long messages the server could not store (STORAGE_UNAVAILABLE) wait before
 *     they are sent again, attempt after attempt, never sooner than the server asks
 * @param deliveries told of each delivery's steps (tests, instrumentation)
 */
public record ClientOptions(
    Optional<Backoff> reconnect, Backoff sendRetry, DeliveryObserver deliveries) {

  public ClientOptions {
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(sendRetry, "sendRetry");
    Objects.requireNonNull(deliveries, "deliveries");
  }

  /** No automatic reconnecting; standard send retries; no observer. */
  public static ClientOptions defaults() {
    return new ClientOptions(Optional.empty(), Backoff.standard(), DeliveryObserver.NONE);
  }

  public ClientOptions reconnecting(Backoff backoff) {
    return new ClientOptions(Optional.of(backoff), sendRetry, deliveries);
  }

  public ClientOptions retryingSends(Backoff backoff) {
    return new ClientOptions(reconnect, backoff, deliveries);
  }

  public ClientOptions observing(DeliveryObserver observer) {
    return new ClientOptions(reconnect, sendRetry, observer);
  }
}
