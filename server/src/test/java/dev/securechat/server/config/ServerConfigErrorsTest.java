package dev.securechat.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad configuration stops loading with a message that says where and why. */
class ServerConfigErrorsTest {
  @TempDir Path dir;

  @Test
  void outOfRangeNumberInFileNamesFileLineSectionKeyValueAndRange() throws Exception {
    Path file = write("[Server]\n\nport = 70000\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessage(
            file
                + ":3 [Server] port = \"70000\": must be a whole number from 0 to 65535 (0: any free port)");
  }

  @Test
  void notANumberFromEnvironmentNamesTheVariable() {
    assertFails(Map.of("SECURECHAT_SERVER_PORT", "eighty"), Map.of())
        .hasMessage(
            "environment variable SECURECHAT_SERVER_PORT [Server] port = \"eighty\":"
                + " must be a whole number from 0 to 65535 (0: any free port)");
  }

  @Test
  void badValueFromCommandLineSaysSo() {
    assertFails(Map.of(), Map.of("server.max_frame_bytes", "512"))
        .hasMessage(
            "command line [Server] max_frame_bytes = \"512\":"
                + " must be a whole number from 1024 to 16777216");
  }

  @Test
  void theHostileInputLimitsNameTheirRanges() throws Exception {
    assertFails(write("[Security]\nregistrations_per_address_per_hour = 0\n"), Map.of(), Map.of())
        .hasMessageEndingWith(
            ":2 [Security] registrations_per_address_per_hour = \"0\":"
                + " must be a whole number from 1 to 1000000");
    assertFails(Map.of("SECURECHAT_SERVER_MAX_UNAUTHENTICATED_CONNECTIONS", "lots"), Map.of())
        .hasMessage(
            "environment variable SECURECHAT_SERVER_MAX_UNAUTHENTICATED_CONNECTIONS"
                + " [Server] max_unauthenticated_connections = \"lots\":"
                + " must be a whole number from 1 to 10000000");
  }

  @Test
  void badBooleanListsTheSpellings() throws Exception {
    assertFails(write("[Logging]\ndebug_mode = maybe\n"), Map.of(), Map.of())
        .hasMessageEndingWith(
            "[Logging] debug_mode = \"maybe\": must be true or false (also yes/no, on/off, 1/0)");
  }

  @Test
  void badChoiceListsTheChoices() throws Exception {
    assertFails(write("[Logging]\nlevel = LOUD\n"), Map.of(), Map.of())
        .hasMessageEndingWith(
            "[Logging] level = \"LOUD\": must be one of TRACE, DEBUG, INFO, WARN, ERROR");
  }

  @Test
  void unknownSectionListsKnownOnes() throws Exception {
    Path file = write("# x\n[Sever]\nport = 1\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessage(
            file
                + ":2: unknown section [Sever]; known sections:"
                + " Server, Storage, Security, Logging, Dashboard, Cluster");
  }

  @Test
  void unknownKeyListsKnownKeys() throws Exception {
    Path file = write("[Dashboard]\nenabled = true\nadmin_pasword = x\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessage(
            file
                + ":3: unknown key \"admin_pasword\" in [Dashboard];"
                + " known keys: enabled, host, port, tls, admin_password");
  }

  @Test
  void unknownEnvironmentKeyInKnownSection() {
    assertFails(Map.of("SECURECHAT_SERVER_PROT", "1"), Map.of())
        .hasMessageStartingWith(
            "environment variable SECURECHAT_SERVER_PROT: no key \"prot\" in [Server]; known keys:"
                + " host, port,");
  }

  @Test
  void unknownCommandLineKey() {
    assertFails(Map.of(), Map.of("cluster.node", "x"))
        .hasMessage(
            "command line: no key \"node\" in [Cluster]; known keys: enabled, node_id, redis_url,"
                + " key_prefix, lease_seconds, lease_renew_seconds, poll_seconds");
    assertFails(Map.of(), Map.of("port", "1"))
        .hasMessageStartingWith("command line: \"port\" is not a setting; write section.key");
  }

  @Test
  void passwordIsNeverEchoed() throws Exception {
    Path file = write("[Dashboard]\nadmin_password = short-pw\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessage(
            file
                + ":2 [Dashboard] admin_password = (hidden): must be empty (the server generates"
                + " one) or at least 12 characters")
        .hasMessageNotContaining("short-pw");
  }

  @Test
  void urlCredentialsAreHidden() {
    assertFails(Map.of(), Map.of("storage.url", "mysql://admin:pa55@db/x?password=pa55"))
        .hasMessageStartingWith(
            "command line [Storage] url = \"mysql://******@db/x?password=******\": must be empty")
        .hasMessageNotContaining("pa55");
    assertFails(Map.of(), Map.of("cluster.redis_url", "http://:pa55@cache"))
        .hasMessageStartingWith("command line [Cluster] redis_url = \"http://******@cache\"")
        .hasMessageNotContaining("pa55");
  }

  @Test
  void idleTimeoutMustExceedPingInterval() throws Exception {
    Path file = write("[Server]\nidle_timeout_seconds = 30\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessage(
            file
                + ":2 [Server] idle_timeout_seconds = \"30\": must be greater than"
                + " [Server] ping_interval_seconds = \"30\" (built-in default)");
  }

  @Test
  void certificateWithoutKey() throws Exception {
    Path file = write("[Server]\ntls_certificate = /etc/chat/cert.pem\n");

    assertFails(file, Map.of(), Map.of())
        .hasMessageStartingWith(
            "built-in default [Server] tls_private_key = \"\": must be set together with"
                + " [Server] tls_certificate = \"/etc/chat/cert.pem\" ("
                + file
                + ":2)");
  }

  @Test
  void clusterNeedsPostgresql() {
    assertFails(Map.of("SECURECHAT_CLUSTER_ENABLED", "true"), Map.of())
        .hasMessageStartingWith(
            "environment variable SECURECHAT_CLUSTER_ENABLED [Cluster] enabled = \"true\":"
                + " needs PostgreSQL");
  }

  @Test
  void clusterNeedsANodeIdAndRedis() {
    Map<String, String> cluster =
        Map.of("storage.url", "jdbc:postgresql://h/db", "cluster.enabled", "true");
    assertFails(Map.of(), cluster)
        .hasMessage(
            "built-in default [Cluster] node_id = \"\": must be set when [Cluster] enabled = true:"
                + " a name unique in the cluster, 1 to 64 ASCII letters, digits or . - _");
    Map<String, String> noRedis = new java.util.HashMap<>(cluster);
    noRedis.put("cluster.node_id", "n1");
    noRedis.put("cluster.redis_url", "");
    assertFails(Map.of(), noRedis)
        .hasMessage(
            "command line [Cluster] redis_url = \"\": must be set when [Cluster] enabled = true,"
                + " e.g. redis://host:6379");
  }

  @Test
  void leaseRenewalAtMostHalfTheLease() {
    assertFails(Map.of(), Map.of("cluster.lease_seconds", "10", "cluster.lease_renew_seconds", "6"))
        .hasMessage(
            "command line [Cluster] lease_renew_seconds = \"6\": must be at most half of"
                + " [Cluster] lease_seconds = \"10\" (command line)");
    assertFails(Map.of(), Map.of("cluster.poll_seconds", "0"))
        .hasMessageStartingWith("command line [Cluster] poll_seconds = \"0\": must be");
    assertFails(Map.of(), Map.of("cluster.key_prefix", "chat prefix"))
        .hasMessageStartingWith(
            "command line [Cluster] key_prefix = \"chat prefix\": must be 1 to 64 characters");
  }

  @Test
  void synchronousNormalOnlyForSqlite() {
    assertFails(
            Map.of(),
            Map.of("storage.url", "jdbc:postgresql://h/db", "storage.synchronous", "normal"))
        .hasMessageStartingWith(
            "command line [Storage] synchronous = \"normal\": applies only to SQLite");
  }

  @Test
  void dashboardPortMustDifferFromChatPort() {
    assertFails(Map.of(), Map.of("dashboard.port", "8888"))
        .hasMessage(
            "command line [Dashboard] port = \"8888\": must differ from"
                + " [Server] port = \"8888\" (built-in default)");
  }

  @Test
  void dashboardTlsIsTrueOrFalse() {
    assertFails(Map.of(), Map.of("dashboard.tls", "sometimes"))
        .hasMessage(
            "command line [Dashboard] tls = \"sometimes\":"
                + " must be true or false (also yes/no, on/off, 1/0)");
  }

  @Test
  void queueMustHoldOneFrame() {
    assertFails(Map.of(), Map.of("storage.queue_max_bytes", "2048"))
        .hasMessageStartingWith(
            "command line [Storage] queue_max_bytes = \"2048\": must be at least one frame");
  }

  @Test
  void badRedisUrl() {
    assertFails(Map.of(), Map.of("cluster.redis_url", "127.0.0.1:6379"))
        .hasMessage(
            "command line [Cluster] redis_url = \"127.0.0.1:6379\": must be a URL starting with"
                + " redis://, or rediss://, naming a host");
  }

  @Test
  void badNodeIdAndHost() {
    assertFails(Map.of(), Map.of("cluster.node_id", "node 1"))
        .hasMessageStartingWith(
            "command line [Cluster] node_id = \"node 1\": must be 1 to 64 characters");
    assertFails(Map.of(), Map.of("server.host", ""))
        .hasMessageStartingWith("command line [Server] host = \"\": must be 1 to 253 characters");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Map<String, String> env, Map<String, String> overrides) {
    return assertThatThrownBy(() -> ServerConfigLoader.load(Optional.empty(), env, overrides))
        .isInstanceOf(ConfigException.class);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Path file, Map<String, String> env, Map<String, String> overrides) {
    return assertThatThrownBy(() -> ServerConfigLoader.load(Optional.of(file), env, overrides))
        .isInstanceOf(ConfigException.class);
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("config.ini"), text);
  }
}
