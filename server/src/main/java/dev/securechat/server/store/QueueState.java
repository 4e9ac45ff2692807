package dev.securechat.server.store;

/** A recipient's {@code queue_state} row as the current batch sees it. */
record QueueState(long lastQseq, long pendingCount, long pendingBytes, boolean dirty) {

  boolean full(StoreSettings limits) {
    return pendingCount >= limits.queueMaxMessages() || pendingBytes >= limits.queueMaxBytes();
  }

  QueueState append(int bytes) {
    return new QueueState(lastQseq + 1, pendingCount + 1, pendingBytes + bytes, true);
  }

  QueueState remove(long count, long bytes) {
    return new QueueState(lastQseq, pendingCount - count, pendingBytes - bytes, true);
  }
}
