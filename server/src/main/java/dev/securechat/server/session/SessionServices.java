package dev.securechat.server.session;

import dev.securechat.server.auth.AccountService;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.BroadcastLog;
import dev.securechat.server.store.MessageQueue;
import dev.securechat.server.store.MessageWriter;
import dev.securechat.server.store.PreKeys;
import java.time.Clock;
import java.util.concurrent.Executor;

/** Everything a connection's handlers use, built once in the composition root. */
public record SessionServices(
    AccountService accountService,
    Accounts accounts,
    PreKeys preKeys,
    MessageWriter writer,
    MessageQueue queue,
    BroadcastLog broadcasts,
    SessionRegistry registry,
    Directory directory,
    StatusManager status,
    Executor dbExecutor,
    Clock clock,
    int maxFrameBytes,
    String node,
    String software) {}
