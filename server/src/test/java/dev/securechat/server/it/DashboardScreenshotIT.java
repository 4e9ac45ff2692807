package dev.securechat.server.it;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes docs/dashboard.png: a few minutes of real clients chatting, one going offline and back (so
 * offline envelopes pile up and drain) and some wrong passwords, then a screenshot of the overview.
 * Runs only when asked:
 *
 * <pre>
 * mvn -pl server test -Dtest=DashboardScreenshotIT -Dsecurechat.screenshot=$PWD/docs/dashboard.png
 * </pre>
 */
@EnabledIfSystemProperty(named = "securechat.screenshot", matches = ".+")
class DashboardScreenshotIT {
  private static final Logger log = LoggerFactory.getLogger(DashboardScreenshotIT.class);

  @TempDir Path dir;

  @Test
  void overviewAfterAFewMinutesOfTraffic() throws Exception {
    Browser.assumeInstalled();
    int seconds = Integer.getInteger("securechat.screenshot.seconds", 150);
    try (SecureChatServer server = TestServer.start(dir.resolve("server"));
        ClientTransport transport =
            new ClientTransport(
                new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
        Browser browser = new Browser(dir.resolve("profile"), 1400, 1050)) {
      String base = server.dashboardUri().orElseThrow().toString();
      browser.driver.get(base + "login");
      browser.driver.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
      browser.driver.findElement(By.id("login")).click();
      browser.waiting().until(urlToBe(base));

      String[] names = {"alice", "bob", "carol", "dave"};
      TestClient[] clients = new TestClient[names.length];
      for (int i = 0; i < names.length; i++) {
        clients[i] = client(transport, server, names[i]);
        clients[i].register(names[i]);
        clients[i].login(names[i]);
      }
      for (int s = 0; s < seconds; s++) {
        long tickEnd = System.nanoTime() + 1_000_000_000L;
        if (s == seconds / 3) {
          clients[3].close(); // dave goes offline: his envelopes wait for him
        }
        if (s == 2 * seconds / 3) {
          clients[3] = client(transport, server, "dave");
          clients[3].login("dave");
        }
        if (s % 25 == 7) {
          wrongPassword(transport, server);
        }
        int burst = 2 + (int) (6 * (1 + Math.sin(s / 9.0)));
        for (int m = 0; m < burst; m++) {
          int from = m % 3; // alice, bob and carol write; dave only reads
          int to = (from + 1 + (s + m) % 3) % names.length;
          clients[from].send(names[to], "message " + s + "/" + m);
        }
        if (s % 10 == 0) {
          clients[s % 3].broadcast("news " + s);
        }
        long left = tickEnd - System.nanoTime();
        if (left > 0) {
          Thread.sleep(left / 1_000_000);
        }
      }
      // Taken while the last second's messages still show as the current rates.
      browser.waiting().until(textToBe(By.id("connections"), "4"));
      browser.screenshot(Path.of(System.getProperty("securechat.screenshot")));
      for (TestClient c : clients) {
        c.close();
      }
    }
  }

  private TestClient client(ClientTransport transport, SecureChatServer server, String name) {
    return new TestClient(transport, dir.resolve("client-" + name), server).connect();
  }

  private void wrongPassword(ClientTransport transport, SecureChatServer server) {
    try (TestClient mallory =
        new TestClient(transport, dir.resolve("client-mallory"), server).connect()) {
      mallory.client.login("alice", "not-alices-password".toCharArray()).join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof ServerErrorException)) {
        throw e;
      }
      log.debug("Wrong password refused, as intended", e);
    }
  }
}
