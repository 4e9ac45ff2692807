package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence is pushed while few are online, and not at all above the configured limit. */
class PresenceLimitIT {
  @TempDir Path dir;

  @Test
  void aboveTheLimitTheSnapshotIsEmptyAndNoChangeIsPushed() throws Exception {
    try (SecureChatServer server =
            TestServer.start(dir.resolve("server"), Map.of("server.presence_push_limit", "2"));
        ClientTransport transport =
            new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
        RawClient alice = RawClient.registered(transport, server, "pl-alice");
        RawClient bob = RawClient.registered(transport, server, "pl-bob")) {
      assertThat(bob.next()).isEqualTo(new ServerFrame.Presence(List.of("pl-alice", "pl-bob")));
      try (RawClient carol = RawClient.registered(transport, server, "pl-carol")) {
        assertThat(carol.next()).isEqualTo(new ServerFrame.Presence(List.of()));
        UUID id = UUID.randomUUID();
        carol.connection.submit(id, new ClientFrame.Send(id, 1, "pl-alice", new byte[] {1})).join();

        // Carol's login was announced, if at all, before her message was even sent.
        List<ServerFrame> aliceGot = untilDeliver(alice);
        assertThat(aliceGot)
            .containsExactly(
                new ServerFrame.Presence(List.of("pl-alice")),
                new ServerFrame.PresenceChange("pl-bob", true));
      }
    }
  }

  private static List<ServerFrame> untilDeliver(RawClient c) throws InterruptedException {
    List<ServerFrame> before = new ArrayList<>();
    for (ServerFrame f = c.next(); !(f instanceof ServerFrame.Deliver); f = c.next()) {
      before.add(f);
    }
    return before;
  }
}
