package dev.securechat.server.dashboard;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Usernames;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an admin can do to users from the dashboard. Each action is recorded in the audit trail with
 * the admin's address, whether or not it found anything to act on.
 */
final class AdminActions {
  private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

  /** How an action ended. */
  enum Outcome {
    DONE,
    /** No such account, or (for a disconnect) not connected to this node. */
    NOT_FOUND
  }

  private final SessionRegistry sessions;
  private final Accounts accounts;
  private final AuditLog audit;

  AdminActions(SessionRegistry sessions, Accounts accounts, AuditLog audit) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.audit = audit;
  }

  /** Closes the user's session on this node, telling the client why. */
  Outcome disconnect(String rawName, String adminAddress) {
    Optional<String> name = Usernames.normalize(rawName);
    var session = name.flatMap(sessions::find);
    if (session.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    session.get().close(ErrorCode.DISCONNECTED_BY_ADMIN, "an administrator closed this session");
    audit.record("admin-disconnect", name.get(), adminAddress, "");
    log.info("Admin at {} disconnected {}", adminAddress, name.get());
    return Outcome.DONE;
  }

  /** Locks the account and closes its live session: it cannot log in or resume until unlocked. */
  Outcome lock(String rawName, String adminAddress) {
    Optional<String> name = Usernames.normalize(rawName);
    if (name.isEmpty() || !accounts.setLocked(name.get(), true)) {
      return Outcome.NOT_FOUND;
    }
    audit.record("admin-lock", name.get(), adminAddress, "");
    log.info("Admin at {} locked {}", adminAddress, name.get());
    sessions
        .find(name.get())
        .ifPresent(
            s -> s.close(ErrorCode.LOCKED_OUT, "this account was locked by the administrator"));
    return Outcome.DONE;
  }

  Outcome unlock(String rawName, String adminAddress) {
    Optional<String> name = Usernames.normalize(rawName);
    if (name.isEmpty() || !accounts.setLocked(name.get(), false)) {
      return Outcome.NOT_FOUND;
    }
    audit.record("admin-unlock", name.get(), adminAddress, "");
    log.info("Admin at {} unlocked {}", adminAddress, name.get());
    return Outcome.DONE;
  }
}
