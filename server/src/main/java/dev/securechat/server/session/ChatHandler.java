package dev.securechat.server.session;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.protocol.Usernames;
import dev.securechat.server.store.SendOutcome;
import dev.securechat.server.store.SessionReplacedException;
import dev.securechat.server.store.StorageProblem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A logged-in connection: messages, acks, key bundles, presence and logout. */
final class ChatHandler extends SimpleChannelInboundHandler<ClientFrame> {
  private static final Logger log = LoggerFactory.getLogger(ChatHandler.class);

  private final SessionServices services;
  private final ChatSession session;
  private static final int MAX_KEY_BUNDLE_BYTES = 16 * 1024;
  private static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(1);

  /**
   * Sends a connection may have waiting for the store. At the cap the server stops reading from it
   * until half are answered, so a client that pipelines faster than the disk commits is held back
   * by TCP instead of growing the writer's queue without bound.
   */
  static final int MAX_SENDS_IN_FLIGHT = 1024;

  private final int maxEnvelopeBytes;
  private int sendsInFlight; // event loop only

  ChatHandler(SessionServices services, ChatSession session) {
    this.services = services;
    this.session = session;
    this.maxEnvelopeBytes = Limits.maxEnvelopeBytes(services.maxFrameBytes());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientFrame frame) {
    switch (frame) {
      case ClientFrame.Send s -> send(ctx, s);
      case ClientFrame.Broadcast b -> broadcast(ctx, b);
      case ClientFrame.Ack a -> ack(a);
      case ClientFrame.FetchBundle f -> fetchBundle(ctx, f);
      case ClientFrame.UploadPreKeys u -> uploadPreKeys(ctx, u);
      case ClientFrame.UpdateBundle b -> updateBundle(ctx, b);
      case ClientFrame.SeqQuery q -> seqQuery(ctx, q);
      case ClientFrame.ListUsers l -> listUsers(ctx, l);
      case ClientFrame.Logout l -> logout(ctx, l);
      case ClientFrame.Ping p -> ctx.writeAndFlush(new ServerFrame.Pong(p.nonce()));
      case ClientFrame.Pong p -> {}
      case ClientFrame.Hello h -> error(ctx, 0, ErrorCode.UNEXPECTED_FRAME, "already greeted");
      case ClientFrame.Register r ->
          error(ctx, r.requestId(), ErrorCode.ALREADY_AUTHENTICATED, "log out to register");
      case ClientFrame.Login l ->
          error(ctx, l.requestId(), ErrorCode.ALREADY_AUTHENTICATED, "already logged in");
      case ClientFrame.Resume r ->
          error(ctx, r.requestId(), ErrorCode.ALREADY_AUTHENTICATED, "already logged in");
    }
  }

  private void send(ChannelHandlerContext ctx, ClientFrame.Send s) {
    if (s.envelope().length > maxEnvelopeBytes || s.seq() < 1) {
      reject(ctx, s.id(), ErrorCode.BAD_REQUEST);
      return;
    }
    Optional<String> to = Usernames.normalize(s.to());
    if (to.isEmpty()) {
      reject(ctx, s.id(), ErrorCode.UNKNOWN_RECIPIENT);
      return;
    }
    reply(
        ctx,
        s.id(),
        () ->
            services
                .writer()
                .direct(
                    session.account().id(),
                    session.sessionNo(),
                    session.username(),
                    s.id(),
                    s.seq(),
                    to.get(),
                    s.envelope()));
  }

  private void broadcast(ChannelHandlerContext ctx, ClientFrame.Broadcast b) {
    if (b.envelope().length > maxEnvelopeBytes || b.seq() < 1) {
      reject(ctx, b.id(), ErrorCode.BAD_REQUEST);
      return;
    }
    reply(
        ctx,
        b.id(),
        () ->
            services
                .writer()
                .broadcast(
                    session.account().id(),
                    session.sessionNo(),
                    session.username(),
                    b.id(),
                    b.seq(),
                    b.envelope()));
  }

  private void reply(
      ChannelHandlerContext ctx, UUID id, Supplier<CompletableFuture<SendOutcome>> submit) {
    CompletableFuture<SendOutcome> outcome = submit.get();
    sendsInFlight++;
    updateReading(ctx);
    outcome.whenCompleteAsync(
        (result, error) -> {
          sendsInFlight--;
          updateReading(ctx);
          if (error == null) {
            ctx.writeAndFlush(toFrame(result));
            if (result instanceof SendOutcome.Rejected r
                && r.reason() == SendOutcome.Reason.SESSION_REPLACED) {
              replaced();
            }
          } else if (unwrap(error) instanceof IllegalStateException) {
            // The writer stopped taking work: the server is shutting down. The client keeps the
            // message in its outbox and sends it again after reconnecting.
            reject(ctx, id, ErrorCode.SERVER_SHUTDOWN);
          } else {
            log.warn("Storing a message failed", error);
            ctx.writeAndFlush(
                new ServerFrame.Rejected(
                    id, ErrorCode.STORAGE_UNAVAILABLE, STORAGE_RETRY_AFTER.toMillis()));
          }
        },
        ctx.executor());
  }

  /**
   * Reads only while the connection has room: fewer than the cap of sends awaiting the store (with
   * hysteresis, so reading is not toggled on every answer) and an outbound buffer the client
   * drains. A client that sends without reading its answers would otherwise make the server buffer
   * them without bound.
   */
  private void updateReading(ChannelHandlerContext ctx) {
    var config = ctx.channel().config();
    boolean reading = config.isAutoRead();
    boolean room =
        ctx.channel().isWritable()
            && (reading
                ? sendsInFlight < MAX_SENDS_IN_FLIGHT
                : sendsInFlight <= MAX_SENDS_IN_FLIGHT / 2);
    if (room != reading) {
      config.setAutoRead(room);
    }
  }

  private ServerFrame toFrame(SendOutcome outcome) {
    return switch (outcome) {
      case SendOutcome.Stored s -> {
        if (!s.duplicate()) {
          services.status().messageStored();
        }
        yield new ServerFrame.Stored(s.id());
      }
      case SendOutcome.Busy b -> new ServerFrame.Busy(b.id(), b.retryAfter().toMillis());
      // The third field carries the retry delay for this code (protocol.md 5.1).
      case SendOutcome.Unavailable u ->
          new ServerFrame.Rejected(
              u.id(), ErrorCode.STORAGE_UNAVAILABLE, u.retryAfter().toMillis());
      case SendOutcome.Rejected r ->
          new ServerFrame.Rejected(
              r.id(),
              switch (r.reason()) {
                case UNKNOWN_RECIPIENT -> ErrorCode.UNKNOWN_RECIPIENT;
                case SEQ_GAP -> ErrorCode.SEQ_GAP;
                case SEQ_CONFLICT -> ErrorCode.SEQ_CONFLICT;
                case SESSION_REPLACED -> ErrorCode.SESSION_REPLACED;
              },
              r.expectedSeq());
    };
  }

  private void ack(ClientFrame.Ack a) {
    long upTo = Math.min(a.upTo(), session.ackLimit(a.stream()));
    if (upTo <= 0) {
      return;
    }
    long userId = session.account().id();
    CompletableFuture<Void> done =
        a.stream() == Stream.DIRECT
            ? services.writer().ackDirect(userId, session.sessionNo(), upTo)
            : services.writer().ackBroadcast(userId, session.sessionNo(), upTo);
    done.exceptionally(
        e -> {
          if (unwrap(e) instanceof SessionReplacedException) {
            // A newer login owns the queue now; this connection must let go of it.
            replaced();
          } else {
            // The messages stay queued and are delivered again at the next login. A storage
            // outage is logged once by the store's health, not once per ack.
            logFailure("Recording an ack failed", e);
          }
          return null;
        });
  }

  private void fetchBundle(ChannelHandlerContext ctx, ClientFrame.FetchBundle f) {
    Optional<String> name = Usernames.normalize(f.username());
    if (name.isEmpty()) {
      error(ctx, f.requestId(), ErrorCode.UNKNOWN_USER, "no such user");
      return;
    }
    query(
        ctx,
        f.requestId(),
        () -> services.preKeys().fetch(session.account().id(), name.get()),
        found ->
            found
                .<ServerFrame>map(
                    b ->
                        new ServerFrame.Bundle(
                            f.requestId(),
                            b.username(),
                            b.identityKey(),
                            b.keyBundle(),
                            b.oneTimePreKey()
                                .map(
                                    k ->
                                        new dev.securechat.protocol.PreKey(k.id(), k.publicKey()))))
                .orElse(
                    new ServerFrame.ErrorReply(
                        f.requestId(), ErrorCode.UNKNOWN_USER, "no such user", 0)));
  }

  private void uploadPreKeys(ChannelHandlerContext ctx, ClientFrame.UploadPreKeys u) {
    long userId = session.account().id();
    query(
        ctx,
        u.requestId(),
        () -> {
          if (services.preKeys().remaining(userId) + u.keys().size() > 500) {
            return false;
          }
          services
              .preKeys()
              .add(
                  userId,
                  u.keys().stream()
                      .map(k -> new dev.securechat.server.store.PreKey(k.id(), k.publicKey()))
                      .toList());
          return true;
        },
        added ->
            added
                ? new ServerFrame.Ok(u.requestId())
                : new ServerFrame.ErrorReply(
                    u.requestId(), ErrorCode.BAD_REQUEST, "at most 500 one-time prekeys", 0));
  }

  private void updateBundle(ChannelHandlerContext ctx, ClientFrame.UpdateBundle b) {
    if (b.keyBundle().length > MAX_KEY_BUNDLE_BYTES) {
      error(ctx, b.requestId(), ErrorCode.BAD_REQUEST, "the key bundle is too large");
      return;
    }
    services
        .accountService()
        .replaceKeyBundle(session.account(), b.keyBundle(), session.address())
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                logFailure("Storing a key bundle failed", failure);
                storageUnavailable(ctx, b.requestId());
              } else {
                ctx.writeAndFlush(new ServerFrame.Ok(b.requestId()));
              }
            });
  }

  private void seqQuery(ChannelHandlerContext ctx, ClientFrame.SeqQuery q) {
    String to =
        q.to().equals(Limits.BROADCAST_PAIR) ? q.to() : Usernames.normalize(q.to()).orElse("");
    query(
        ctx,
        q.requestId(),
        () -> services.queue().lastSeq(session.account().id(), to),
        last -> new ServerFrame.SeqState(q.requestId(), q.to(), last));
  }

  private void listUsers(ChannelHandlerContext ctx, ClientFrame.ListUsers l) {
    services
        .directory()
        .online()
        .thenAccept(
            online -> {
              Set<String> here = Set.copyOf(online);
              query(
                  ctx,
                  l.requestId(),
                  () -> services.accounts().usernames(),
                  (List<String> names) ->
                      new ServerFrame.UserList(
                          l.requestId(),
                          names.stream()
                              .map(n -> new ServerFrame.UserEntry(n, here.contains(n)))
                              .toList()));
            });
  }

  private void logout(ChannelHandlerContext ctx, ClientFrame.Logout l) {
    services
        .accountService()
        .logout(session.account(), session.address())
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                log.warn("Logout failed", error);
                error(ctx, l.requestId(), ErrorCode.INTERNAL, "logout failed");
                return;
              }
              ctx.write(new ServerFrame.Ok(l.requestId()));
              session.close(ErrorCode.LOGGED_OUT, "logged out");
            });
  }

  /** Runs a blocking store call off the event loop and writes the frame made from its result. */
  private <T> void query(
      ChannelHandlerContext ctx, long requestId, Supplier<T> call, Function<T, ServerFrame> reply) {
    CompletableFuture.supplyAsync(call, services.dbExecutor())
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                logFailure("A store request failed", error);
                storageUnavailable(ctx, requestId);
                return;
              }
              ctx.writeAndFlush(reply.apply(result));
            });
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable()) {
      session.writable();
    }
    updateReading(ctx);
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (services.registry().detach(session)) {
      services.directory().loggedOut(session);
    }
    super.channelInactive(ctx);
  }

  /** The account logged in again (maybe on another node): this session may write nothing more. */
  private void replaced() {
    session.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
  }

  private static void logFailure(String what, Throwable error) {
    if (StorageProblem.isStorageFailure(error)) {
      log.debug(what, error);
    } else {
      log.warn(what, error);
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause()
        : t;
  }

  private static void reject(ChannelHandlerContext ctx, UUID id, ErrorCode code) {
    ctx.writeAndFlush(new ServerFrame.Rejected(id, code, 0));
  }

  private static void storageUnavailable(ChannelHandlerContext ctx, long requestId) {
    ctx.writeAndFlush(
        new ServerFrame.ErrorReply(
            requestId,
            ErrorCode.STORAGE_UNAVAILABLE,
            "the server cannot use its storage right now; try again later",
            STORAGE_RETRY_AFTER.toMillis()));
  }

  private static void error(ChannelHandlerContext ctx, long requestId, ErrorCode code, String msg) {
    ctx.writeAndFlush(new ServerFrame.ErrorReply(requestId, code, msg, 0));
  }
}
