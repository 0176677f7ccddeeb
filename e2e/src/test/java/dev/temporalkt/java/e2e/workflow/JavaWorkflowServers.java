package dev.temporalkt.java.e2e.workflow;

import com.google.protobuf.ByteString;
import dev.temporalkt.api.common.v1.WorkflowExecution;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.api.history.v1.HistoryEvent;
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest;
import dev.temporalkt.api.testservice.v1.UnlockTimeSkippingRequest;
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.e2e.FutureResults;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.worker.WorkflowReplayer;
import dev.temporalkt.testing.EmbeddedTestServer;
import dev.temporalkt.testing.SharedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the end-to-end tests of Java workflows share: the two servers (an embedded time-skipping server private to the
 * test class, whose clock skips ahead whenever no workflow task runs, and the shared dev server), a run of a test body
 * with a Java client and a worker built from Java on a fresh task queue, and the replay of every history afterwards.
 */
final class JavaWorkflowServers implements AutoCloseable {
  /** One of the two servers. */
  record Server(String name, boolean timeSkipping, Supplier<String> target) {
    @Override
    public String toString() {
      return name;
    }

    /**
     * A duration for a workflow timer the test waits out: long on the time-skipping server (which skips it), short on
     * the dev server (which waits it in real time).
     */
    Duration timer(Duration skipped, Duration real) {
      return timeSkipping ? skipped : real;
    }
  }

  /** What a test body has at hand. */
  static final class Run {
    final TemporalClient client;
    final String taskQueue;
    final Server server;
    private final List<Class<?>> workflows;
    private final List<String> workflowIds = new ArrayList<>();

    Run(TemporalClient client, String taskQueue, Server server, List<Class<?>> workflows) {
      this.client = client;
      this.taskQueue = taskQueue;
      this.server = server;
      this.workflows = workflows;
    }

    /** Options with a fresh id starting with {@code prefix} on this run's task queue. */
    WorkflowOptions options(String prefix) {
      String id = prefix + "-" + UUID.randomUUID();
      workflowIds.add(id);
      return WorkflowOptions.newBuilder().id(id).taskQueue(taskQueue).build();
    }

    /** The history events of the latest run of {@code handle}'s workflow. */
    List<HistoryEvent> events(WorkflowHandle<?> handle) {
      return join(handle.fetchHistory()).getEvents();
    }

    /** The event types of the latest run of {@code handle}'s workflow. */
    List<EventType> eventTypes(WorkflowHandle<?> handle) {
      return events(handle).stream().map(HistoryEvent::getEventType).toList();
    }

    /**
     * Replays the closed run's history with the worker's workflow classes, read anew by a replayer built from Java; a
     * mismatch throws.
     */
    void replay(WorkflowHandle<?> handle) {
      WorkflowReplayer.of(workflows.toArray(Class<?>[]::new))
          .replay(join(handle.fetchHistory()).getHistory(), handle.getWorkflowId());
    }

    /**
     * The first event of type {@code type} in the latest run of {@code handle}'s workflow, waiting for it with the dev
     * server's long poll on the history (each call returns when new events arrive); fails when the run closes without
     * one. The embedded test server's long poll fails once a workflow task has failed (its history index runs past
     * the end), so there the history is read again, every 50 milliseconds, for at most 30 seconds.
     */
    HistoryEvent awaitEvent(WorkflowHandle<?> handle, EventType type) throws InterruptedException {
      if (server.timeSkipping()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
          for (HistoryEvent event : events(handle)) {
            if (event.getEventType() == type) return event;
          }
          if (System.nanoTime() > deadline) throw new AssertionError("no event of type " + type + " within 30 seconds");
          Thread.sleep(50);
        }
      }
      ByteString page = ByteString.EMPTY;
      while (true) {
        GetWorkflowExecutionHistoryResponse response = client.getConnection().getWorkflowServiceBlocking()
            .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(client.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(handle.getWorkflowId()))
                .setWaitNewEvent(true)
                .setNextPageToken(page)
                .build());
        for (HistoryEvent event : response.getHistory().getEventsList()) {
          if (event.getEventType() == type) return event;
        }
        if (response.getNextPageToken().isEmpty()) {
          throw new AssertionError("the run of " + handle.getWorkflowId() + " closed without an event of type " + type);
        }
        page = response.getNextPageToken();
      }
    }

    /** Replays the history of run {@code runId} of workflow {@code workflowId} (one run of a continue-as-new chain, a child). */
    void replay(String workflowId, String runId) {
      replay(client.getWorkflowHandle(workflowId, runId, Object.class));
    }

    /**
     * Runs {@code body}, in which the test plays the user (starts, signals, updates), with the embedded server's clock
     * held, so that it does not skip past the timers the workflow waits on meanwhile.
     */
    <T> T userActs(Callable<T> body) throws Exception {
      if (server.timeSkipping()) {
        client.getConnection().getTestServiceBlocking().lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance());
      }
      try {
        return body.call();
      } finally {
        if (server.timeSkipping()) {
          client.getConnection().getTestServiceBlocking().unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance());
        }
      }
    }

    /** What the server recorded for each workflow the test started, for a failure message. */
    String describeWorkflows() {
      StringBuilder text = new StringBuilder();
      for (String id : workflowIds) {
        text.append("history of ").append(id).append(":\n");
        try {
          for (HistoryEvent event : join(client.getWorkflowHandle(id, Object.class).fetchHistory()).getEvents()) {
            text.append("  ").append(event.getEventId()).append(' ').append(event.getEventType().name().replace("EVENT_TYPE_", ""));
            if (event.hasWorkflowTaskFailedEventAttributes()) {
              text.append(": ").append(event.getWorkflowTaskFailedEventAttributes().getFailure().getMessage().lines().findFirst().orElse(""));
            }
            text.append('\n');
          }
        } catch (RuntimeException e) {
          text.append("  (not available: ").append(e.getMessage()).append(")\n");
        }
      }
      return text.toString();
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

  private synchronized String embeddedTarget() {
    if (embedded == null) embedded = EmbeddedTestServer.start();
    return embedded.getTarget();
  }

  @Override
  public synchronized void close() {
    if (embedded != null) embedded.close();
    embedded = null;
  }

  /** Runs {@code body} with a client and a worker built from Java for {@code workflows} and {@code activities}. */
  static void withWorker(Server server, List<Class<?>> workflows, List<Object> activities, Body body) throws Exception {
    withWorker(server, workflows, activities, WorkerOptions.defaults(), body);
  }

  /** {@link #withWorker} with worker options. */
  static void withWorker(Server server, List<Class<?>> workflows, List<Object> activities, WorkerOptions options, Body body)
      throws Exception {
    String taskQueue = "java-workflow-e2e-" + UUID.randomUUID();
    try (TemporalClient client = join(TemporalClient.connect(ConnectionOptions.newBuilder().target(server.target().get()).build()))) {
      Worker.Builder builder = Worker.newBuilder(client, taskQueue).options(options);
      for (Class<?> workflow : workflows) builder.addWorkflowClass(workflow);
      builder.addActivities(activities.toArray());
      Run run = new Run(client, taskQueue, server, workflows);
      try (Worker worker = builder.build().start()) {
        body.run(run);
      } catch (Throwable e) {
        throw new AssertionError(e.getMessage() + "\n" + run.describeWorkflows(), e);
      }
    }
  }

  /** The future's value, waiting at most 60 seconds; a failure is rethrown as the future's exception. */
  static <T> T join(java.util.concurrent.Future<T> future) {
    return FutureResults.join(future, 60);
  }

  /** The exception the future completes with, failing when it completes normally. */
  static <E extends Throwable> E failure(java.util.concurrent.Future<?> future, Class<E> type) {
    return FutureResults.failure(future, type, 60);
  }
}
