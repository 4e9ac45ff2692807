package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * An admin in a real browser: refused without the password, then watching three real clients
 * connect, chat and leave on the live overview, and disconnecting one from the clients page.
 */
class DashboardBrowserIT {
  /** The overview with three clients online, for a person to look at after a run. */
  static final Path SCREENSHOT = Path.of("target", "dashboard-overview.png");

  @TempDir Path dir;
  SecureChatServer server;
  ClientTransport transport;
  Browser browser;
  String base;
  final AtomicInteger clientNo = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    server = TestServer.start(dir.resolve("server"));
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
    browser = new Browser(dir.resolve("chromium-profile"), 1400, 1050);
    String uri = server.dashboardUri().orElseThrow().toString();
    base = uri.substring(0, uri.length() - 1);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
  }

  TestClient online(String name) {
    TestClient c =
        new TestClient(transport, dir.resolve("client-" + clientNo.incrementAndGet()), server)
            .connect();
    c.register(name);
    c.login(name);
    return c;
  }

  @Test
  void anAdminWatchesClientsComeChatAndGoAndDisconnectsOne() throws Exception {
    var driver = browser.driver;
    var wait = browser.waiting();

    // Refused without the password: every page leads to the login page, a wrong password stays.
    driver.get(base + "/clients");
    wait.until(urlToBe(base + "/login"));
    logIn("not the admin password");
    wait.until(textToBe(By.id("message"), "Wrong password."));
    driver.get(base + "/");
    wait.until(urlToBe(base + "/login"));

    logIn(TestServer.ADMIN_PASSWORD);
    wait.until(urlToBe(base + "/"));
    wait.until(textToBe(By.id("status"), "running"));
    wait.until(textToBe(By.id("connections"), "0"));
    assertThat(driver.findElement(By.id("node")).getText()).isEqualTo(server.status().node());

    TestClient alice = online("alice");
    TestClient bob = online("bob");
    TestClient carol = online("carol");
    wait.until(textToBe(By.id("connections"), "3"));
    wait.until(textToBe(By.id("sessions"), "3"));

    long before = number("messages-stored");
    for (int i = 0; i < 5; i++) {
      alice.send("bob", "hi bob " + i);
      bob.send("carol", "hi carol " + i);
    }
    carol.broadcast("hello everyone");
    bob.awaitTexts(5);
    wait.until(d -> number("messages-stored") >= before + 11);
    wait.until(d -> number("messages-delivered") > 0);
    wait.until(d -> number("registered") == 3);
    browser.screenshot(SCREENSHOT);

    driver.get(base + "/clients");
    wait.until(d -> users().equals(List.of("alice", "bob", "carol")));
    driver.findElement(By.id("filter")).sendKeys("car");
    wait.until(d -> users().equals(List.of("carol")));
    driver.findElement(By.id("filter")).clear();
    driver.findElement(By.id("filter")).sendKeys(" ");
    wait.until(d -> users().size() == 3);
    driver.findElement(By.cssSelector("#clients th[data-key=username]")).click();
    wait.until(d -> users().equals(List.of("carol", "bob", "alice")));
    browser.screenshot(SCREENSHOT.resolveSibling("dashboard-clients.png"));

    clickWhenStable(By.cssSelector("#clients tr[data-user=bob] button[data-action=disconnect]"));
    wait.until(alertIsPresent()).accept();
    await().atMost(Browser.WAIT).until(() -> !bob.byes.isEmpty());
    assertThat(bob.byes.getFirst().code()).isEqualTo(ErrorCode.DISCONNECTED_BY_ADMIN);
    wait.until(d -> users().equals(List.of("carol", "alice")));
    wait.until(d -> driver.findElement(By.id("action-message")).getText().startsWith("Done"));

    driver.get(base + "/");
    wait.until(textToBe(By.id("connections"), "2"));
    alice.close();
    carol.close();
    bob.close();
    wait.until(textToBe(By.id("connections"), "0"));

    driver.get(base + "/audit");
    wait.until(presenceOfElementLocated(By.cssSelector("#audit tr[data-event=admin-disconnect]")));
    assertThat(driver.findElements(By.cssSelector("#audit tr[data-event=admin-login-failed]")))
        .isNotEmpty();
    browser.screenshot(SCREENSHOT.resolveSibling("dashboard-audit.png"));

    driver.findElement(By.id("logout")).click();
    wait.until(urlToBe(base + "/login"));
    driver.get(base + "/");
    wait.until(urlToBe(base + "/login"));
    assertThat(browser.scriptErrors()).isEmpty();
  }

  private void logIn(String password) {
    var driver = browser.driver;
    if (!driver.getCurrentUrl().equals(base + "/login")) {
      driver.get(base + "/login");
    }
    WebElement field = browser.waiting().until(presenceOfElementLocated(By.id("password")));
    field.clear();
    field.sendKeys(password);
    driver.findElement(By.id("login")).click();
  }

  /** A figure on the overview, or -1 while it still shows the placeholder. */
  private long number(String id) {
    String text = browser.driver.findElement(By.id(id)).getText().replace(",", "");
    return text.matches("\\d+") ? Long.parseLong(text) : -1;
  }

  /** The user column of the clients table, top to bottom, as the page shows it now. */
  private List<String> users() {
    try {
      return browser.driver.findElements(By.cssSelector("#clients tbody tr[data-user]")).stream()
          .map(r -> r.getDomAttribute("data-user"))
          .toList();
    } catch (StaleElementReferenceException e) {
      return List.of(); // the table was redrawn while being read: read it again
    }
  }

  /** The table is redrawn every two seconds; a click may land on a row just replaced. */
  private void clickWhenStable(By locator) {
    browser
        .waiting()
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(locator).click();
              return true;
            });
  }
}
