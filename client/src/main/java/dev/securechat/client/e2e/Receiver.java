package dev.securechat.client.e2e;

import dev.securechat.client.IncomingMessage;
import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.client.state.HistoryStore;
import dev.securechat.client.state.IdentityPins;
import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.group.ReceiveResult;
import dev.securechat.crypto.group.ReceivedChains;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.protocol.Stream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns deliveries into texts. Each message is decrypted on a copy of its state; the new state, any
 * prekey it consumed, any key it pinned and the delivery cursor commit in one transaction, and only
 * then is the text shown. A message that fails is shown as undecryptable, never dropped.
 */
final class Receiver {
  private static final Logger log = LoggerFactory.getLogger(Receiver.class);

  private final ClientState state;
  private final KeyVault vault;
  private final IdentityPins pins;
  private final PairwiseSessions sessions;
  private final BroadcastKeys broadcasts;
  private final HistoryStore history;
  private final MessengerListener listener;

  Receiver(
      ClientState state,
      KeyVault vault,
      IdentityPins pins,
      PairwiseSessions sessions,
      BroadcastKeys broadcasts,
      HistoryStore history,
      MessengerListener listener) {
    this.state = state;
    this.vault = vault;
    this.pins = pins;
    this.sessions = sessions;
    this.broadcasts = broadcasts;
    this.history = history;
    this.listener = listener;
  }

  /** Handles one delivery; returns whether a one-time prekey was consumed. */
  boolean receive(IncomingMessage m) {
    byte[] envelope = m.envelope();
    byte[] body = envelope.length > 0 ? Arrays.copyOfRange(envelope, 1, envelope.length) : envelope;
    int kind = envelope.length > 0 ? envelope[0] : -1;
    try {
      if (kind == SecureMessenger.PAIRWISE && m.stream() == Stream.DIRECT) {
        return pairwise(m, body);
      }
      if (kind == SecureMessenger.BROADCAST && m.stream() == Stream.BROADCAST) {
        broadcast(m, body);
        return false;
      }
      throw new InvalidMessageException("unknown envelope");
    } catch (InvalidMessageException e) {
      undecryptable(m);
      return false;
    }
  }

  private boolean pairwise(IncomingMessage m, byte[] body) throws InvalidMessageException {
    String from = m.from();
    boolean wasBlocked = sessions.blocked(from);
    List<ReceivedText> show = new ArrayList<>();
    boolean[] consumed = {false};
    try {
      sessions.locked(
          from,
          () -> {
            DecryptResult r;
            Content content;
            try {
              r = sessions.decrypt(from, body);
              content = Content.parse(r.plaintext());
            } catch (InvalidMessageException e) {
              throw new Failed(e);
            }
            // Lock order everywhere: peer, then broadcast keys, then the database.
            synchronized (broadcasts) {
              commit(m, from, r, content, show, consumed);
            }
            return null;
          });
    } catch (Failed f) {
      if (!wasBlocked && sessions.blocked(from)) {
        broadcasts.replaceChainSoon();
        listener.onIdentityChanged(from);
      }
      throw f.cause;
    } catch (RuntimeException e) {
      // The transaction rolled back: drop cached state so the saved one is used again.
      sessions.evict(from);
      throw e;
    }
    state.db().checkpoint();
    show.forEach(listener::onText);
    return consumed[0];
  }

  private void commit(
      IncomingMessage m,
      String from,
      DecryptResult r,
      Content content,
      List<ReceivedText> show,
      boolean[] consumed) {
    state
        .db()
        .transaction(
            () -> {
              sessions.save(from, r.session());
              r.commit()
                  .ifPresent(
                      c -> {
                        PreKeys preKeys = vault.preKeys();
                        c.applyTo(preKeys);
                        vault.savePreKeys(preKeys);
                        c.identityKeyToPin().ifPresent(ik -> pins.check(from, ik));
                        consumed[0] = c.oneTimePreKeyId().isPresent();
                      });
              switch (content) {
                case Content.Text t -> show.add(text(m, from, t));
                case Content.Distribution d -> show.addAll(install(m, from, d));
              }
              show.forEach(this::remember);
              state.markHandled(m.stream(), m.qseq());
              return null;
            });
  }

  private List<ReceivedText> install(IncomingMessage m, String from, Content.Distribution d) {
    byte[] senderKey = pins.pin(from).orElseThrow().identityKey();
    try {
      ReceivedChains.Released released = broadcasts.install(from, senderKey, d.serialized());
      List<ReceivedText> out = new ArrayList<>();
      for (ReceiveResult.Decrypted held : released.messages()) {
        Content c = Content.parse(held.payload());
        if (c instanceof Content.Text t) {
          out.add(
              new ReceivedText(
                  Stream.BROADCAST,
                  from,
                  t.body(),
                  m.serverTime(),
                  Instant.ofEpochMilli(t.sentAtMillis()),
                  0));
        }
      }
      if (released.rejected() > 0) {
        log.info("{} held broadcasts from {} did not verify", released.rejected(), from);
      }
      return out;
    } catch (InvalidMessageException e) {
      // The pairwise message itself was genuine; only the chain it carried is unusable.
      log.info("A broadcast key from {} was refused", from);
      return List.of();
    }
  }

  private void broadcast(IncomingMessage m, byte[] body) throws InvalidMessageException {
    String from = m.from();
    byte[] senderKey = pins.pin(from).map(IdentityPins.Pin::identityKey).orElse(new byte[0]);
    List<ReceivedText> show = new ArrayList<>();
    try {
      synchronized (broadcasts) {
        state
            .db()
            .transaction(
                () -> {
                  ReceiveResult r;
                  try {
                    r = broadcasts.decrypt(from, senderKey, body);
                    if (r instanceof ReceiveResult.Decrypted d
                        && Content.parse(d.payload()) instanceof Content.Text t) {
                      show.add(text(m, from, t));
                    }
                  } catch (InvalidMessageException e) {
                    throw new Failed(e);
                  }
                  show.forEach(this::remember);
                  state.markHandled(m.stream(), m.qseq());
                  return null;
                });
      }
    } catch (Failed f) {
      throw f.cause;
    }
    show.forEach(listener::onText);
  }

  /** Into the sealed history, in the transaction that marks the delivery handled. */
  private void remember(ReceivedText t) {
    history.add(
        new HistoryEntry(
            t.serverTime(), HistoryEntry.Direction.RECEIVED, t.stream(), t.from(), t.body()));
  }

  private static ReceivedText text(IncomingMessage m, String from, Content.Text t) {
    return new ReceivedText(
        m.stream(),
        from,
        t.body(),
        m.serverTime(),
        Instant.ofEpochMilli(t.sentAtMillis()),
        m.qseq());
  }

  private void undecryptable(IncomingMessage m) {
    // The ack covers it all the same (architecture.md): it is reported, then passed over.
    state.markHandled(m.stream(), m.qseq());
    listener.onUndecryptable(m.stream(), m.from(), m.qseq());
  }

  /** Carries a decryption failure out of a lambda. */
  private static final class Failed extends RuntimeException {
    final InvalidMessageException cause;

    Failed(InvalidMessageException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
