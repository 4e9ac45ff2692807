package dev.securechat.server.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.securechat.server.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the contract tests see of a freshly opened, empty store, and the helpers they share. The
 * contracts are interfaces so that one test class per database can run all of them.
 */
interface StoreAccess {

  Duration TIMEOUT = Duration.ofSeconds(20);

  Database db();

  MutableClock clock();

  Accounts accounts();

  PreKeys preKeys();

  AuditLog audit();

  MessageQueue queue();

  BroadcastLog broadcastLog();

  MessageWriter writer();

  /** Everything the shared writer's listener has been told, in order. */
  List<QueuedMessage> committedDirects();

  List<BroadcastMessage> committedBroadcasts();

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static <T> T await(CompletableFuture<T> future) {
    return future.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  default NewAccount newAccount(String username) {
    return new NewAccount(
        username,
        bytes("hash-" + username),
        bytes("identity-" + username),
        bytes("bundle-" + username),
        List.of());
  }

  default long register(String username) {
    return switch (accounts().create(newAccount(username))) {
      case CreateResult.Created created -> created.userId();
      case CreateResult other -> throw new AssertionError(username + ": " + other);
    };
  }

  default SendOutcome send(long senderId, String sender, long seq, String recipient) {
    return send(senderId, sender, UUID.randomUUID(), seq, recipient);
  }

  default SendOutcome send(long senderId, String sender, UUID id, long seq, String recipient) {
    return await(
        writer().direct(senderId, sender, id, seq, recipient, envelope(sender, recipient, seq)));
  }

  default SendOutcome broadcast(long senderId, String sender, long seq) {
    return await(
        writer().broadcast(senderId, sender, UUID.randomUUID(), seq, envelope(sender, "*", seq)));
  }

  /** An opaque envelope that still lets a test see which send it came from. */
  static byte[] envelope(String sender, String recipient, long seq) {
    return bytes(sender + ">" + recipient + "#" + seq);
  }

  static SendOutcome stored(UUID id) {
    return new SendOutcome.Stored(id, false);
  }
}
