package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's leak reports into test failures. The paranoid detector (set in the parent POM) only
 * logs a leak, and only once the leaked buffer has been garbage collected; this extension listens
 * to the buffer detector and, after the test class, collects garbage and triggers the detector
 * until every leak has been reported, then fails the class if there was one.
 */
final class NettyLeaks implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static volatile boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assertThat(ResourceLeakDetector.getLevel())
        .as("tests run with -Dio.netty.leakDetection.level=paranoid (parent POM)")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    install();
    LEAKS.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
      // The detector looks for collected buffers whenever it tracks a new one.
      for (int j = 0; j < 8; j++) {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        Unpooled.buffer(1).release();
      }
    }
    assertThat(LEAKS).as("Netty buffers leaked by " + context.getDisplayName()).isEmpty();
  }

  private static synchronized void install() throws ReflectiveOperationException {
    if (installed) {
      return;
    }
    // The buffer detector is package-private in Netty; tests may reach into it.
    Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
    field.setAccessible(true);
    ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
    detector.setLeakListener(
        (type, records) ->
            LEAKS.add(type + ": " + records.substring(0, Math.min(records.length(), 3000))));
    installed = true;
  }
}
