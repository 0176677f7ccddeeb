package dev.temporalkt.java.e2e;

import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.testing.EmbeddedTestServer;
import dev.temporalkt.testing.SharedServers;
import dev.temporalkt.worker.Worker;
import dev.temporalkt.worker.WorkflowReplayer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;

/**
 * What the Java end-to-end tests share: the two servers (an embedded time-skipping server private to the test class,
 * with time skipping locked since these tests act as users and wait on no timer, and the shared dev server), and a
 * run of a test body with a Java client and a Kotlin worker on a fresh task queue.
 */
final class JavaE2e implements AutoCloseable {
  /** One of the two servers. */
  record Server(String name, boolean timeSkipping, Supplier<String> target) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What a test body has at hand. */
  static final class Run {
    final TemporalClient client;
    final String taskQueue;
    final Server server;
    private final List<Class<?>> workflows;

    Run(TemporalClient client, String taskQueue, Server server, List<Class<?>> workflows) {
      this.client = client;
      this.taskQueue = taskQueue;
      this.server = server;
      this.workflows = workflows;
    }

    /** Options with a fresh id starting with {@code prefix} on this run's task queue. */
    WorkflowOptions options(String prefix) {
      return WorkflowOptions.newBuilder().id(prefix + "-" + UUID.randomUUID()).taskQueue(taskQueue).build();
    }

    /** Replays the closed run's history with the worker's workflow classes; a mismatch throws. */
    void replay(WorkflowHandle<?> handle) {
      new WorkflowReplayer(kotlinClasses(workflows)).replay(join(handle.fetchHistory()).getHistory(), handle.getWorkflowId());
    }
  }

  /** A test body. */
  interface Body {
    void run(Run run) throws Exception;
  }

  private EmbeddedTestServer embedded;

  /** The servers to run each test on. */
  Stream<Server> servers() {
    return Stream.of(
        new Server("embedded test server", true, this::embeddedTarget),
        new Server("dev server", false, () -> SharedServers.devServer().getTarget()));
  }

  /** The dev server alone, for what the embedded server does not implement (visibility queries, schedules). */
  static Server devServer() {
    return new Server("dev server", false, () -> SharedServers.devServer().getTarget());
  }

  private synchronized String embeddedTarget() {
    if (embedded == null) {
      embedded = EmbeddedTestServer.start();
      try (TemporalClient client = connect(embedded.getTarget())) {
        // The client tests check what the Java client sends and receives, not timers: this server's clock stays held
        // for good, so a run's timeouts never pass while a test reads its state.
        client.getConnection().getTestServiceBlocking().lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance());
      }
    }
    return embedded.getTarget();
  }

  @Override
  public synchronized void close() {
    if (embedded != null) embedded.close();
    embedded = null;
  }

  static TemporalClient connect(String target) {
    return connect(target, ClientOptions.defaults());
  }

  static TemporalClient connect(String target, ClientOptions options) {
    return join(TemporalClient.connect(ConnectionOptions.newBuilder().target(target).build(), options));
  }

  /** Runs {@code body} with a client and a Kotlin worker for {@code workflows} and {@code activities}. */
  static void withWorker(Server server, List<Class<?>> workflows, List<Object> activities, Body body) throws Exception {
    withWorker(server, ClientOptions.defaults(), workflows, activities, body);
  }

  /** [withWorker] with client options. */
  static void withWorker(Server server, ClientOptions options, List<Class<?>> workflows, List<Object> activities, Body body)
      throws Exception {
    String taskQueue = "java-e2e-" + UUID.randomUUID();
    try (TemporalClient client = connect(server.target().get(), options);
        Worker worker = new Worker(client.getKotlinClient(), taskQueue, kotlinClasses(workflows), activities).start()) {
      body.run(new Run(client, taskQueue, server, workflows));
    }
  }

  /** The Kotlin classes of {@code classes}, which the Kotlin worker takes. */
  static List<KClass<?>> kotlinClasses(List<Class<?>> classes) {
    List<KClass<?>> kotlin = new ArrayList<>();
    for (Class<?> type : classes) kotlin.add(JvmClassMappingKt.getKotlinClass(type));
    return kotlin;
  }

  /** The future's value, waiting at most 30 seconds; a failure is rethrown as the future's exception. */
  static <T> T join(java.util.concurrent.Future<T> future) {
    return FutureResults.join(future, 30);
  }

  /** The exception the future completes with, failing when it completes normally. */
  static <E extends Throwable> E failure(java.util.concurrent.Future<?> future, Class<E> type) {
    return FutureResults.failure(future, type, 30);
  }
}
