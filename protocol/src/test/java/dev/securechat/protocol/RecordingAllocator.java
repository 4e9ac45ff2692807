package dev.securechat.protocol;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * A heap allocator that remembers the largest backing array it ever made, including the arrays made
 * when a buffer grows. Set on a channel, it shows what a decoder allocates for hostile input: the
 * cumulation buffer and anything else that goes through {@code ctx.alloc()}.
 */
public final class RecordingAllocator extends AbstractByteBufAllocator {
  private final boolean leakTracked;
  private int largest;

  /**
   * @param leakTracked whether buffers go through Netty's leak detector (slow at paranoid level)
   */
  public RecordingAllocator(boolean leakTracked) {
    super(false);
    this.leakTracked = leakTracked;
  }

  /** The largest array, in bytes, since the last {@link #reset()}. */
  public int largest() {
    return largest;
  }

  public void reset() {
    largest = 0;
  }

  private void record(int bytes) {
    largest = Math.max(largest, bytes);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    ByteBuf buf = new Recorded(this, initialCapacity, maxCapacity);
    return leakTracked ? toLeakAwareBuffer(buf) : buf;
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return newHeapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  private static final class Recorded extends UnpooledHeapByteBuf {
    Recorded(RecordingAllocator alloc, int initialCapacity, int maxCapacity) {
      super(alloc, initialCapacity, maxCapacity);
    }

    @Override
    protected byte[] allocateArray(int initialCapacity) {
      // Called from the super constructor too, so the allocator is reached through alloc().
      ((RecordingAllocator) alloc()).record(initialCapacity);
      return super.allocateArray(initialCapacity);
    }
  }
}
