package dev.securechat.server.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port, without persistence: stopping it loses every
 * key, as a crashed Redis without a replica would. Never the machine's shared Redis.
 */
final class RedisServer implements AutoCloseable {
  private static final String BINARY = "/usr/bin/redis-server";

  private final int port;
  private final Path log;
  private Process process;

  private RedisServer(int port, Path log) {
    this.port = port;
    this.log = log;
  }

  static RedisServer start(Path dir) throws IOException {
    RedisServer redis = new RedisServer(freePort(), dir.resolve("redis.log"));
    redis.start();
    return redis;
  }

  URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Starts it (again) on the same port and waits until it answers PING. */
  synchronized void start() throws IOException {
    process =
        new ProcessBuilder(
                BINARY,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await().atMost(Duration.ofSeconds(10)).until(this::answers);
  }

  /** Stops it and waits until the process is gone. */
  synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
