package dev.securechat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigLoaderTest {
  private static final Map<String, String> NO_ENV = Map.of("HOSTNAME", "chat-a");

  @TempDir Path dir;

  @Test
  void defaultsWithoutAnyFile() throws Exception {
    ServerConfig config = ServerConfigLoader.load(Optional.empty(), NO_ENV, Map.of());

    ServerSettings server = config.server();
    assertThat(server.host()).isEqualTo("localhost");
    assertThat(server.port()).isEqualTo(8888);
    assertThat(server.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(server.maxFrameBytes()).isEqualTo(65536);
    assertThat(server.loginDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(server.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(server.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(server.tlsCertificate()).isEmpty();
    assertThat(server.tlsPrivateKey()).isEmpty();
    assertThat(server.maxConnectionsPerAddress()).isEqualTo(64);

    StorageSettings storage = config.storage();
    assertThat(storage.url()).isEqualTo("jdbc:sqlite:" + Path.of("./data", "securechat.db"));
    assertThat(storage.isSqlite()).isTrue();
    assertThat(storage.user()).isEmpty();
    assertThat(storage.password().isEmpty()).isTrue();
    assertThat(storage.synchronous()).isEqualTo(StorageSettings.SqliteSynchronous.FULL);
    assertThat(storage.poolSize()).isEqualTo(8);
    assertThat(storage.queueMaxMessages()).isEqualTo(10_000);
    assertThat(storage.queueMaxBytes()).isEqualTo(67_108_864L);
    assertThat(storage.broadcastRetentionDays()).isEqualTo(30);

    assertThat(config.security())
        .isEqualTo(new SecuritySettings(19456, 2, 1, 5, 20, Duration.ofSeconds(900), 10));
    assertThat(config.logging())
        .isEqualTo(
            new LoggingSettings(
                LoggingSettings.Level.INFO, false, Path.of("./logs/securechat-server.log"), 10, 7));
    assertThat(config.dashboard())
        .isEqualTo(new DashboardSettings(true, "localhost", 8080, false, Secret.empty()));
    assertThat(config.cluster())
        .isEqualTo(
            new ClusterSettings(
                false,
                "chat-a",
                URI.create("redis://127.0.0.1:6379"),
                "securechat",
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
  }

  @Test
  void eachLayerOverridesTheOneBefore() throws Exception {
    Path base = write("server.ini", "[Server]\nport = 9001\nhost = base\ndata_dir = d1\n");
    write("server.production.ini", "[server]\nPORT = 9002\nhost = overlay\n");
    Map<String, String> env =
        Map.of("SECURECHAT_ENV", "production", "SECURECHAT_SERVER_PORT", "9003");

    assertThat(load(base, Map.of(), Map.of()).server().port()).isEqualTo(9001);
    assertThat(load(base, Map.of("SECURECHAT_ENV", "production"), Map.of()).server().port())
        .isEqualTo(9002);
    ServerConfig fromEnv = load(base, env, Map.of());
    assertThat(fromEnv.server().port()).isEqualTo(9003);
    assertThat(fromEnv.server().host()).isEqualTo("overlay");
    assertThat(fromEnv.server().dataDir()).isEqualTo(Path.of("d1"));
    assertThat(load(base, env, Map.of("server.port", "9004")).server().port()).isEqualTo(9004);
  }

  @Test
  void environmentAloneOverridesDefaults() throws Exception {
    ServerConfig config =
        ServerConfigLoader.load(
            Optional.empty(),
            Map.of(
                "SECURECHAT_LOGGING_DEBUG_MODE", "yes",
                "SECURECHAT_STORAGE_PASSWORD", "s3cret",
                "SECURECHAT_JAVA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"),
            Map.of("Dashboard.Enabled", "off"));

    assertThat(config.logging().debugMode()).isTrue();
    assertThat(config.logging().effectiveLevel()).isEqualTo(LoggingSettings.Level.DEBUG);
    assertThat(config.storage().password().reveal()).isEqualTo("s3cret");
    assertThat(config.dashboard().enabled()).isFalse();
  }

  @Test
  void derivedDefaultsFollowTheirSources() throws Exception {
    ServerConfig config =
        ServerConfigLoader.load(
            Optional.empty(),
            Map.of("HOSTNAME", "bad host!"),
            Map.of("server.data_dir", "/srv/chat"));

    assertThat(config.storage().url()).isEqualTo("jdbc:sqlite:/srv/chat/securechat.db");
    assertThat(config.cluster().nodeId()).isEqualTo("node-1");
  }

  @Test
  void postgresqlClusterConfiguration() throws Exception {
    Path base =
        write(
            "node.ini",
            "[Storage]\nurl = jdbc:postgresql://127.0.0.1:5432/test\nuser = postgres\n"
                + "[Cluster]\nenabled = TRUE\nnode_id = node-2\nredis_url = redis://127.0.0.1:6380\n"
                + "key_prefix = chat-b\nlease_seconds = 12\nlease_renew_seconds = 4\n"
                + "poll_seconds = 5\n");

    ServerConfig config = load(base, Map.of(), Map.of());

    assertThat(config.storage().isSqlite()).isFalse();
    assertThat(config.cluster())
        .isEqualTo(
            new ClusterSettings(
                true,
                "node-2",
                URI.create("redis://127.0.0.1:6380"),
                "chat-b",
                Duration.ofSeconds(12),
                Duration.ofSeconds(4),
                Duration.ofSeconds(5)));
  }

  @ParameterizedTest
  @CsvSource({
    "False,false",
    "TRUE,true",
    "yes,true",
    "No,false",
    "on,true",
    "OFF,false",
    "1,true",
    "0,false"
  })
  void booleanSpellings(String text, boolean expected) throws Exception {
    Path base = write("b.ini", "[Logging]\ndebug_mode = " + text + "\n");

    assertThat(load(base, Map.of(), Map.of()).logging().debugMode()).isEqualTo(expected);
  }

  @Test
  void portZeroMeansAnyFreePortForBothListeners() throws Exception {
    ServerConfig config =
        ServerConfigLoader.load(
            Optional.empty(), NO_ENV, Map.of("server.port", "0", "dashboard.port", "0"));

    assertThat(config.server().port()).isZero();
    assertThat(config.dashboard().port()).isZero();
  }

  @Test
  void dashboardTlsIsOffUnlessAskedFor() throws Exception {
    assertThat(ServerConfigLoader.load(Optional.empty(), NO_ENV, Map.of()).dashboard().tls())
        .isFalse();
    assertThat(
            ServerConfigLoader.load(Optional.empty(), NO_ENV, Map.of("dashboard.tls", "on"))
                .dashboard()
                .tls())
        .isTrue();
  }

  @Test
  void levelIsCaseInsensitive() throws Exception {
    assertThat(
            load(write("l.ini", "[Logging]\nlevel = warn\n"), Map.of(), Map.of()).logging().level())
        .isEqualTo(LoggingSettings.Level.WARN);
  }

  @Test
  void overlayNameFollowsTheBaseFile() {
    assertThat(ServerConfigLoader.overlayPath(Path.of("etc/config.ini"), "production"))
        .isEqualTo(Path.of("etc/config.production.ini"));
    assertThat(ServerConfigLoader.overlayPath(Path.of("server.ini"), "staging"))
        .isEqualTo(Path.of("server.staging.ini"));
  }

  @Test
  void missingOverlayIsAnErrorWhenAskedFor() throws Exception {
    Path base = write("server.ini", "[Server]\nport = 9001\n");

    assertThatThrownBy(() -> load(base, Map.of("SECURECHAT_ENV", "staging"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECHAT_ENV=staging")
        .hasMessageContaining(dir.resolve("server.staging.ini").toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void environmentNameWithoutBaseFileIsAnError() {
    assertThatThrownBy(
            () ->
                ServerConfigLoader.load(
                    Optional.empty(), Map.of("SECURECHAT_ENV", "prod"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no config file was given");
  }

  @Test
  void environmentNameCannotLeaveTheFolder() throws Exception {
    Path base = write("server.ini", "");

    assertThatThrownBy(() -> load(base, Map.of("SECURECHAT_ENV", "../../etc/x"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("environment variable SECURECHAT_ENV = \"../../etc/x\": must be");
  }

  @Test
  void missingBaseFileIsAnError() {
    Path missing = dir.resolve("absent.ini");

    assertThatThrownBy(() -> load(missing, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + missing + " does not exist");
  }

  @Test
  void toStringHidesSecretsAndUrlCredentials() throws Exception {
    ServerConfig config =
        ServerConfigLoader.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "storage.password", "pg-secret-1",
                "storage.url", "jdbc:postgresql://db/chat?user=chat&password=pg-secret-3",
                "cluster.redis_url", "redis://:redis-secret-4@127.0.0.1:6379",
                "dashboard.admin_password", "dashboard-secret-2"));

    assertThat(config.toString())
        .contains("******")
        .doesNotContain("pg-secret-1")
        .doesNotContain("dashboard-secret-2")
        .doesNotContain("pg-secret-3")
        .doesNotContain("redis-secret-4");
    assertThat(Secret.of("x").toString()).isEqualTo("******");
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
  }

  private ServerConfig load(Path base, Map<String, String> env, Map<String, String> overrides)
      throws ConfigException {
    return ServerConfigLoader.load(Optional.of(base), env, overrides);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
