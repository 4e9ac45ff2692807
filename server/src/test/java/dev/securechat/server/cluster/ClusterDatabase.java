package dev.securechat.server.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of the test class's own on the machine's server (127.0.0.1:5432, user
 * postgres, trust), shared by the class's nodes and dropped at the end.
 */
final class ClusterDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String USER = "postgres";

  private final String name;

  private ClusterDatabase(String name) {
    this.name = name;
  }

  static ClusterDatabase create() throws SQLException {
    byte[] suffix = new byte[6];
    ThreadLocalRandom.current().nextBytes(suffix);
    String name = "securechat_cluster_" + HexFormat.of().formatHex(suffix);
    maintenance("CREATE DATABASE " + name);
    return new ClusterDatabase(name);
  }

  String url() {
    return SERVER + name;
  }

  private static void maintenance(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, null);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    maintenance("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
