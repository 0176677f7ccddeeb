package dev.temporalkt.java.e2e;

import dev.temporalkt.failure.WorkflowUpdateFailedException;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.UpdateOptions;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.client.WorkflowUpdateHandle;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * A Java client's whole conversation with a workflow, run in a class world of its own by {@link
 * JavaClientReflectionTest}: connect, start by method reference with a record, query, update (one rejected), signal,
 * result, describe, history.
 */
public final class FullClientScenario {
  private FullClientScenario() {}

  /**
   * Runs against the server {@code args[0]}, whose task queue {@code args[1]} a worker polls.
   *
   * <p>The client loads every class afresh, each load recorded, in a test JVM busy with other tests, so its calls get a
   * minute rather than the default ten seconds: what is checked here is which code loads classes, not how fast.
   */
  public static void run(String... args) {
    String target = args[0];
    String taskQueue = args[1];
    ConnectionOptions connection =
        ConnectionOptions.newBuilder().target(target).rpcTimeout(Duration.ofMinutes(1)).build();
    try (TemporalClient client = TemporalClient.connect(connection).join()) {
      WorkflowOptions options = WorkflowOptions.newBuilder().id("isolated-" + UUID.randomUUID()).taskQueue(taskQueue).build();
      WorkflowHandle<List<Order>> handle =
          client.startWorkflow(OrderWorkflow::run, new OrderRequest("ida", List.of(new Order("a", 1))), options).join();
      check(handle.query(OrderWorkflow::status).join().equals("waiting: ida has 1 item(s)"), "status");
      WorkflowUpdateHandle<Integer> update =
          handle.startUpdate(OrderWorkflow::addItem, new Order("b", 2), UpdateOptions.defaults()).join();
      check(update.getResult().join() == 2, "update result");
      try {
        handle.executeUpdate("addItem", Integer.class, new Order("c", 0)).join();
        throw new AssertionError("the update should have been rejected");
      } catch (CompletionException e) {
        check(e.getCause() instanceof WorkflowUpdateFailedException, "rejection " + e.getCause());
      }
      handle.signal(OrderWorkflow::approve, "ida").join();
      check(handle.getResult().join().size() == 2, "result");
      check(handle.describe().join().getWorkflowType().equals("JavaOrders"), "describe");
      check(handle.fetchHistoryJson().join().contains("WORKFLOW_EXECUTION_COMPLETED"), "history");
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) throw new AssertionError("unexpected " + what);
  }
}
