package dev.securechat.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.client.ChatClient;
import dev.securechat.client.ChatListener;
import dev.securechat.client.IncomingMessage;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.FrameDecoder;
import dev.securechat.protocol.FrameEncoder;
import dev.securechat.protocol.FrameMutator;
import dev.securechat.protocol.FrameSamples;
import dev.securechat.protocol.Fuzz;
import dev.securechat.protocol.MalformedFrameException;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile or broken server, seen from the client: mutated server frames of every type, cut into
 * TCP-sized reads, through the client's own pipeline (frame decoder, {@link ServerConnection}, and
 * a logged-in {@link ChatClient} as its listener). Allowed: frames handled, or the connection
 * closed for a {@link MalformedFrameException}; pending requests end with a reply, a {@link
 * ServerErrorException} or a {@link ConnectionLostException}. Nothing else may come out.
 */
class ServerFrameFuzzTest {
  private static final Fuzz FUZZ = Fuzz.settings(0x5EC0_C11EL, 4_000);
  private static final int MAX = 64 * 1024;

  @TempDir Path dir;

  private final Random random = new Random(FUZZ.seed());
  private final List<Throwable> surprises = new ArrayList<>();
  private int malformed;
  private int handled;

  @Test
  void theClientHandlesOrRefusesWhateverTheServerSends() {
    List<byte[]> valid =
        FrameSamples.all().stream()
            .filter(f -> f instanceof ServerFrame)
            .map(FrameSamples::encode)
            .toList();
    FrameMutator mutator = new FrameMutator(random, valid, MAX);
    try (ChatClient client = new ChatClient(null, dir, new Quiet(), Clock.systemUTC())) {
      client.openState("alice");
      for (int i = 0; i < FUZZ.cases(); i++) {
        byte[] input = mutator.mutate(mutator.pick());
        int[] reads = mutator.chunkSizes(input);
        // Sometimes before any login: a server may send anything at any time.
        ChatClient listener =
            random.nextInt(4) == 0
                ? new ChatClient(null, dir, new Quiet(), Clock.systemUTC())
                : client;
        try {
          run(listener, input, reads);
        } catch (RuntimeException | Error e) {
          surprises.add(e);
        }
        if (!surprises.isEmpty()) {
          AssertionError failure =
              new AssertionError(
                  "%s (reads %s): input %s"
                      .formatted(
                          FUZZ.replay(i), Arrays.toString(reads), HexFormat.of().formatHex(input)),
                  surprises.getFirst());
          throw failure;
        }
      }
    }
    assertThat(malformed).isPositive();
    assertThat(handled).isPositive();
  }

  private void run(ChatClient client, byte[] input, int[] reads) {
    CompletableFuture<ServerConnection> ready = new CompletableFuture<>();
    EmbeddedChannel ch = new EmbeddedChannel();
    ServerConnection connection =
        new ServerConnection(ch, new Guarded(client.newConnectionListener()), ready);
    ch.pipeline()
        .addLast(new FrameDecoder(MAX, false), new FrameEncoder(), new Observer(), connection);
    List<CompletableFuture<ServerFrame>> pending = new ArrayList<>();
    try {
      if (random.nextBoolean()) {
        ch.writeInbound(
            Unpooled.wrappedBuffer(
                FrameSamples.encode(new ServerFrame.HelloOk(1, "server", "node", MAX))));
      }
      // Requests the samples answer (request ids 1 to 10, two message ids), so replies match.
      for (long id = 1; id <= 10; id++) {
        pending.add(connection.request(id, new ClientFrame.ListUsers(id)));
      }
      for (UUID id : new UUID[] {FrameSamples.ID, FrameSamples.ID2}) {
        pending.add(connection.submit(id, new ClientFrame.Broadcast(id, 1, new byte[0])));
      }
      int at = 0;
      for (int n : reads) {
        if (!ch.isOpen()) {
          break; // closed after a malformed frame, as it should be
        }
        ch.writeInbound(Unpooled.wrappedBuffer(input, at, n));
        at += n;
        for (Object o; (o = ch.readInbound()) != null; ) {
          surprises.add(new AssertionError("passed the connection handler: " + o));
        }
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    for (CompletableFuture<ServerFrame> f : pending) {
      assertThat(f).isDone();
      if (f.isCompletedExceptionally()) {
        Throwable why =
            f.handle((r, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
        assertThat(why).isInstanceOfAny(ServerErrorException.class, ConnectionLostException.class);
      } else {
        handled++;
      }
    }
  }

  /** Sees every failure on its way from the decoder to the connection handler. */
  private final class Observer extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof DecoderException
          && cause.getCause() instanceof MalformedFrameException) {
        malformed++;
      } else {
        surprises.add(cause);
      }
      ctx.fireExceptionCaught(cause);
    }
  }

  /** The chat client's listener for the connection, with anything it throws recorded. */
  private final class Guarded implements FrameListener {
    private final FrameListener client;

    Guarded(FrameListener client) {
      this.client = client;
    }

    @Override
    public void onFrame(ServerFrame frame) {
      guard(() -> client.onFrame(frame));
    }

    @Override
    public void onReadComplete() {
      guard(client::onReadComplete);
    }

    @Override
    public void onClosed(ServerFrame.Bye bye) {
      guard(() -> client.onClosed(bye));
    }

    private void guard(Runnable r) {
      try {
        r.run();
      } catch (RuntimeException | Error e) {
        surprises.add(e);
        throw e;
      }
    }
  }

  private static final class Quiet implements ChatListener {
    @Override
    public void onMessage(IncomingMessage message) {
      assertThat(message.stream()).isIn((Object[]) Stream.values());
    }
  }
}
