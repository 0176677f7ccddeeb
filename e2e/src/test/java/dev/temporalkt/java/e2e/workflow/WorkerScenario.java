package dev.temporalkt.java.e2e.workflow;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowFuture;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkflowReplayer;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.UpdateValidator;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A Java application's worker path from end to end, run by {@link JavaWorkerReflectionTest} in a class world of its
 * own: a worker built from Java runs a Java workflow (timers, a condition, a signal, a query, an update with a
 * validator) that calls Java activities (blocking and returning a future), a Java client drives it, and the history
 * is replayed.
 */
public final class WorkerScenario {
  private WorkerScenario() {}

  /** A record argument and result, converted with Jackson. */
  public record Line(String item, int quantity) {}

  public static class Activities {
    @Activity
    public String describe(Line line) {
      return line.quantity() + " x " + line.item();
    }

    @Activity
    public CompletableFuture<Integer> count(List<String> lines) {
      return CompletableFuture.completedFuture(lines.size());
    }
  }

  @WorkflowInterface(name = "ReflectionFreeOrder")
  public static class OrderWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();
    private final List<String> lines = new ArrayList<>();
    private boolean closed;

    @WorkflowRun
    public CompletableFuture<String> run(String customer) {
      return Workflow.sleep(Duration.ofMillis(10))
          .thenCompose(ignored -> Workflow.await(() -> closed))
          .thenCompose(ignored -> Workflow.executeActivity(Activities::count, List.copyOf(lines), OPTIONS))
          .thenApply(count -> customer + " ordered " + count + " line(s): " + String.join(", ", lines));
    }

    @Update
    public WorkflowFuture<Integer> add(Line line) {
      return Workflow.executeActivity(Activities::describe, line, OPTIONS)
          .thenApply(described -> {
            lines.add(described);
            return lines.size();
          });
    }

    @UpdateValidator(updateName = "add")
    public void validateAdd(Line line) {
      if (line.quantity() <= 0) throw new IllegalArgumentException("quantity must be positive");
    }

    @Signal
    public void close() {
      closed = true;
    }

    @Query
    public List<String> lines() {
      return lines;
    }
  }

  /** Runs the scenario against the server at {@code args[0]}. */
  public static void run(String... args) throws Exception {
    String taskQueue = "reflection-free-" + UUID.randomUUID();
    try (TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(args[0]).build()).join();
        Worker worker = Worker.newBuilder(client, taskQueue).addWorkflowClass(OrderWorkflow.class).addActivities(new Activities()).build().start()) {
      WorkflowOptions options = WorkflowOptions.newBuilder().id("reflection-free-" + UUID.randomUUID()).taskQueue(taskQueue).build();
      WorkflowHandle<String> handle = client.startWorkflow(OrderWorkflow::run, "ada", options).join();
      int count = handle.executeUpdate(OrderWorkflow::add, new Line("pear", 2)).join();
      if (count != 1) throw new AssertionError("update returned " + count);
      List<String> lines = handle.query(OrderWorkflow::lines).join();
      if (!lines.equals(List.of("2 x pear"))) throw new AssertionError("query returned " + lines);
      handle.signal(OrderWorkflow::close).join();
      String result = handle.getResult().join();
      if (!result.equals("ada ordered 1 line(s): 2 x pear")) throw new AssertionError("result " + result);
      WorkflowReplayer.of(OrderWorkflow.class).replay(handle.fetchHistory().join().getHistory(), handle.getWorkflowId());
    }
  }
}
