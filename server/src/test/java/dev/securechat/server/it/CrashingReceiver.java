package dev.securechat.server.it;

import dev.securechat.client.ClientOptions;
import dev.securechat.client.DeliveryObserver;
import dev.securechat.client.e2e.MessengerListener;
import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.Stream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A receiving client, in a JVM of its own, that freezes at one step of its first direct delivery
 * and says so on standard output, for {@link ClientCrashIT} to kill it there with SIGKILL.
 *
 * <p>Arguments: host, port, state folder, known-servers file, username, and the step: {@code
 * received} (before anything is committed) or {@code committed} (committed and shown, the ack not
 * yet sent). It prints {@code SHOWN <from> <text>} for each message it shows.
 */
public final class CrashingReceiver {
  private CrashingReceiver() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    Path state = Path.of(args[2]);
    Path known = Path.of(args[3]);
    String name = args[4];
    String step = args[5];
    DeliveryObserver freeze =
        new DeliveryObserver() {
          @Override
          public void received(Stream stream, long qseq, boolean duplicate) {
            if (step.equals("received") && stream == Stream.DIRECT && !duplicate) {
              freeze(step, qseq);
            }
          }

          @Override
          public void committed(Stream stream, long qseq) {
            if (step.equals("committed") && stream == Stream.DIRECT) {
              freeze(step, qseq);
            }
          }
        };
    MessengerListener show =
        new MessengerListener() {
          @Override
          public void onText(ReceivedText text) {
            System.out.println("SHOWN " + text.from() + " " + text.body());
          }
        };
    var transport = new ClientTransport(new KnownServers(known), TrustOnFirstUse.ALWAYS);
    var messenger =
        new SecureMessenger(
            transport,
            state,
            show,
            Clock.systemUTC(),
            SecureMessenger.StoreCost.TESTS_ONLY,
            ClientOptions.defaults().observing(freeze));
    messenger.connect(host, port, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
    messenger.login(name, TestClient.PASSWORD.toCharArray()).get(20, TimeUnit.SECONDS);
    System.out.println("LOGGED-IN");
    // Runs until killed.
    Thread.currentThread().join();
  }

  /**
   * Stops the connection's thread here for good: nothing after this step runs, so the ack the
   * client would send with the next read burst never leaves. The test kills the process now.
   */
  private static void freeze(String step, long qseq) {
    System.out.println("FROZEN " + step + " " + qseq);
    System.out.flush();
    while (true) {
      LockSupport.park();
    }
  }
}
