package dev.securechat.server.session;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.ServerFrame.Deliver;
import dev.securechat.protocol.Stream;
import dev.securechat.server.store.Account;
import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.QueuedMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.List;

/**
 * One logged-in account on one connection: its two delivery pumps and the way to talk to it from
 * other threads. Methods not marked otherwise run on the channel's event loop.
 */
public final class ChatSession {
  private final Account account;
  private final long sessionNo;
  private final String address;
  private final Channel channel;
  private final DeliveryPump<QueuedMessage> direct;
  private final DeliveryPump<BroadcastMessage> broadcast;

  ChatSession(
      Account account,
      long sessionNo,
      long broadcastCursor,
      String address,
      Channel channel,
      SessionServices s) {
    this.account = account;
    this.address = address;
    this.sessionNo = sessionNo;
    this.channel = channel;
    this.direct =
        new DeliveryPump<>(
            channel,
            s.dbExecutor(),
            (after, limit) -> s.queue().pending(account.id(), after, limit),
            QueuedMessage::qseq,
            m -> false,
            m ->
                new Deliver(
                    Stream.DIRECT,
                    m.qseq(),
                    m.id(),
                    m.sender(),
                    m.serverTime().toEpochMilli(),
                    m.envelope()),
            s.status()::messagesDelivered,
            0);
    this.broadcast =
        new DeliveryPump<>(
            channel,
            s.dbExecutor(),
            (after, limit) -> s.broadcasts().after(account.id(), after, limit),
            BroadcastMessage::bseq,
            m -> m.sender().equals(account.username()),
            m ->
                new Deliver(
                    Stream.BROADCAST,
                    m.bseq(),
                    m.id(),
                    m.sender(),
                    m.serverTime().toEpochMilli(),
                    m.envelope()),
            s.status()::messagesDelivered,
            broadcastCursor);
  }

  public String username() {
    return account.username();
  }

  /** The account's id in the store. */
  public long userId() {
    return account.id();
  }

  Account account() {
    return account;
  }

  /** The client's IP address, as the audit trail records it. */
  String address() {
    return address;
  }

  public long sessionNo() {
    return sessionNo;
  }

  public Channel channel() {
    return channel;
  }

  void startDelivery() {
    direct.start();
    broadcast.start();
  }

  /** Any thread: newly committed direct messages for this account. */
  void offerDirect(List<QueuedMessage> messages) {
    channel.eventLoop().execute(() -> direct.committed(messages));
  }

  /** Any thread: newly committed broadcasts. */
  void offerBroadcasts(List<BroadcastMessage> messages) {
    channel.eventLoop().execute(() -> broadcast.committed(messages));
  }

  /** Any thread: direct messages up to {@code qseq} are committed, wherever they were written. */
  public void notifyDirect(long qseq) {
    channel.eventLoop().execute(() -> direct.notified(qseq));
  }

  /** Any thread: broadcasts up to {@code bseq} are committed, wherever they were written. */
  public void notifyBroadcast(long bseq) {
    channel.eventLoop().execute(() -> broadcast.notified(bseq));
  }

  void writable() {
    direct.writable();
    broadcast.writable();
  }

  /** The highest position an ack may cover: never more than was pushed on this session. */
  long ackLimit(Stream stream) {
    return stream == Stream.DIRECT ? direct.pushed() : broadcast.pushed();
  }

  /** Any thread: sends one frame. */
  public void send(ServerFrame frame) {
    channel.writeAndFlush(frame, channel.voidPromise());
  }

  /** Any thread: says why, then closes the connection. */
  public void close(ErrorCode code, String message) {
    channel
        .writeAndFlush(new ServerFrame.Bye(code, message))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
