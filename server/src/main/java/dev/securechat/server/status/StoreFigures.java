package dev.securechat.server.status;

import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.store.MessageQueue;
import java.time.Instant;
import java.util.List;

/** Where the sampler reads the figures that live in the database. */
public interface StoreFigures {

  /** The audit events that count as a failed login on the dashboard and in /metrics. */
  List<String> FAILED_LOGIN_EVENTS = List.of("login-failed", "resume-failed", "admin-login-failed");

  StoreCounts read(Instant now);

  /** Reads the store's tables; each call runs a few small queries. */
  static StoreFigures of(Accounts accounts, MessageQueue queue, AuditLog audit) {
    return now -> {
      Instant hourAgo = now.minusSeconds(3600);
      long failed = 0;
      for (String event : FAILED_LOGIN_EVENTS) {
        failed += audit.countSince(event, hourAgo);
      }
      return new StoreCounts(accounts.count(), queue.totalPending(), failed);
    };
  }
}
