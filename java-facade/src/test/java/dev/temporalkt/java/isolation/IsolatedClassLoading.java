package dev.temporalkt.java.isolation;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Runs code in a fresh class world (every class of the test class path loaded again, by a loader whose parent is the
 * platform loader) and records, for the classes a predicate selects, who loaded them: the stack of the thread at the
 * moment the class was defined. This tells which code made a class load, e.g. whether the Java facade itself ever
 * makes kotlin-reflect load, without a JVM fork or agent.
 */
public final class IsolatedClassLoading {
  /** A class defined in the isolated world and the stack that made it load. */
  public record Load(String className, List<StackTraceElement> stack) {
    /** The innermost frame of code whose class name starts with one of the prefixes. */
    public Optional<StackTraceElement> innermostFrameOf(String... prefixes) {
      return stack.stream()
          .filter(frame -> Arrays.stream(prefixes).anyMatch(frame.getClassName()::startsWith))
          .filter(frame -> !frame.getClassName().startsWith(IsolatedClassLoading.class.getName()))
          .findFirst();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(className);
      for (StackTraceElement frame : stack) {
        text.append("\n    at ").append(frame);
      }
      return text.toString();
    }
  }

  private IsolatedClassLoading() {}

  /**
   * Calls the public static method {@code method(String...)} of {@code scenario} in a fresh class world with {@code
   * args}, and returns the loads of the classes {@code recorded} selects, in order.
   */
  public static List<Load> run(Predicate<String> recorded, String scenario, String method, String... args)
      throws Throwable {
    List<Load> loads = new CopyOnWriteArrayList<>();
    try (RecordingLoader loader = new RecordingLoader(classPath(), recorded, loads)) {
      Class<?> type = Class.forName(scenario, true, loader);
      try {
        type.getMethod(method, String[].class).invoke(null, (Object) args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    return new ArrayList<>(loads);
  }

  private static URL[] classPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      try {
        urls.add(new File(entry).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static final class RecordingLoader extends URLClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    private final Predicate<String> recorded;
    private final List<Load> loads;

    RecordingLoader(URL[] urls, Predicate<String> recorded, List<Load> loads) {
      super("isolated", urls, ClassLoader.getPlatformClassLoader());
      this.recorded = recorded;
      this.loads = loads;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (recorded.test(name)) {
        loads.add(new Load(name, List.of(new Throwable().getStackTrace())));
      }
      return super.findClass(name);
    }

    @Override
    public void close() {
      try {
        super.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
