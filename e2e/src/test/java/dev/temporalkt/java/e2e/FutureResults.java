package dev.temporalkt.java.e2e;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the Java end-to-end tests read a future: its value or its failure, within a bound. */
public final class FutureResults {
  private FutureResults() {}

  /** The future's value, waiting at most {@code seconds}; a failure is rethrown as the future's exception. */
  public static <T> T join(Future<T> future, long seconds) {
    try {
      return future.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The exception the future completes with within {@code seconds}, failing when it completes normally. */
  public static <E extends Throwable> E failure(Future<?> future, Class<E> type, long seconds) {
    try {
      Object value = future.get(seconds, TimeUnit.SECONDS);
      throw new AssertionError("expected " + type.getSimpleName() + " but the future completed with " + value);
    } catch (ExecutionException e) {
      if (type.isInstance(e.getCause())) return type.cast(e.getCause());
      throw new AssertionError("expected " + type.getSimpleName() + " but got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
