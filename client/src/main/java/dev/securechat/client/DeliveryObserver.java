package dev.securechat.client;

import dev.securechat.protocol.Stream;

/**
 * The moments of a delivery's life on this device, in order: received from the server, committed
 * locally (shown and recorded as handled), then acknowledged with the next read burst. A crash
 * before {@link #committed} shows the message after the next login; a crash after it gets the
 * message again, recognises it by its queue number and only acknowledges it. Fault tests stop a
 * client at exactly these points. Called on the connection's thread: be quick.
 */
public interface DeliveryObserver {
  DeliveryObserver NONE = new DeliveryObserver() {};

  /** A {@code Deliver} arrived; {@code duplicate} when it was handled before (a redelivery). */
  default void received(Stream stream, long qseq, boolean duplicate) {}

  /** The message is committed locally and shown; its acknowledgement is not sent yet. */
  default void committed(Stream stream, long qseq) {}
}
