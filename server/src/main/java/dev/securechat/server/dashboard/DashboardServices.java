package dev.securechat.server.dashboard;

import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.status.StatusSampler;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.tls.ServerIdentity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the dashboard reads and acts on, built once in the composition root.
 *
 * @param identity the chat server's certificate and key, used when the dashboard runs over TLS
 * @param auth the {@code [Security]} cost and throttle settings, shared with chat logins
 * @param console where a generated admin password is shown once; not the log
 */
public record DashboardServices(
    StatusManager status,
    StatusSampler sampler,
    PrometheusMeterRegistry meters,
    SessionRegistry sessions,
    Accounts accounts,
    AuditLog audit,
    ServerIdentity identity,
    AuthSettings auth,
    Path dataDir,
    Clock clock,
    SecureRandom random,
    Consumer<String> console) {}
