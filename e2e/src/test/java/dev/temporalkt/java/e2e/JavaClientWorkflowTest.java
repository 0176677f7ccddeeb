package dev.temporalkt.java.e2e;

import static dev.temporalkt.java.e2e.JavaE2e.failure;
import static dev.temporalkt.java.e2e.JavaE2e.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.api.history.v1.HistoryEvent;
import dev.temporalkt.client.WorkflowContinuedAsNewException;
import dev.temporalkt.client.WorkflowHistory;
import dev.temporalkt.client.WorkflowIdConflictPolicy;
import dev.temporalkt.client.WorkflowUpdateStage;
import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.failure.CanceledFailure;
import dev.temporalkt.failure.RpcException;
import dev.temporalkt.failure.RpcStatusCode;
import dev.temporalkt.failure.TerminatedFailure;
import dev.temporalkt.failure.WorkflowAlreadyStartedException;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.failure.WorkflowQueryFailedException;
import dev.temporalkt.failure.WorkflowUpdateFailedException;
import dev.temporalkt.java.client.UpdateOptions;
import dev.temporalkt.java.client.UpdateWithStartResult;
import dev.temporalkt.java.client.WorkflowExecutionDescription;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.client.WorkflowStart;
import dev.temporalkt.java.client.WorkflowUpdateHandle;
import dev.temporalkt.java.common.TypeRef;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java client end to end, on both servers: workflows started and run by method reference and by name with record
 * arguments and generic results, results followed across continue-as-new, signals, queries and updates (typed and by
 * name, an update rejected by its validator), signal-with-start and update-with-start, describe, cancel and terminate
 * with the exceptions their results complete with, and history fetched as JSON. The workflows are Kotlin workflows on a
 * Kotlin worker; their histories are replayed afterwards.
 */
@Timeout(90)
class JavaClientWorkflowTest extends OnJavaE2eServers {
  private static final List<Class<?>> WORKFLOWS =
      List.of(OrdersWorkflowImpl.class, CountdownWorkflowImpl.class, WaitingWorkflow.class, FailingWorkflow.class);
  private static final OrderRequest REQUEST = new OrderRequest("ada", List.of(new Order("apple", 2)));

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void startByMethodReferenceWithRecordArgumentAndGenericResult(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowHandle<List<Order>> handle = join(run.client.startWorkflow(OrderWorkflow::run, REQUEST, run.options("typed")));
      assertEquals(new TypeRef<List<Order>>() {}.getType(), handle.getResultType());
      assertEquals("waiting: ada has 1 item(s)", join(handle.query(OrderWorkflow::status)));
      join(handle.signal(OrderWorkflow::approve, "alice"));
      List<Order> orders = join(handle.getResult());
      assertEquals(List.of(new Order("apple", 2)), orders);
      assertInstanceOf(Order.class, orders.get(0));
      assertEquals("approved by alice", join(handle.query(OrderWorkflow::status)));
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void startAndExecuteByName(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowHandle<List<Order>> handle =
          join(run.client.startWorkflow("JavaOrders", new TypeRef<List<Order>>() {}, run.options("by-name"), REQUEST));
      assertEquals(
          "waiting: ada has 1 item(s)", join(handle.query("status", String.class)));
      join(handle.signal("approve", "bob"));
      assertEquals(List.of(new Order("apple", 2)), join(handle.getResult()));
      // a handle got by id decodes the result as asked
      List<Order> again = join(run.client.getWorkflowHandle(handle.getWorkflowId(), new TypeRef<List<Order>>() {}).getResult());
      assertEquals(new Order("apple", 2), again.get(0));

      // execute: start and wait for the result in one call
      String liftoff = join(run.client.executeWorkflow("JavaCountdown", String.class, run.options("countdown"), 0));
      assertEquals("liftoff", liftoff);
      assertEquals("liftoff", join(run.client.executeWorkflow(CountdownWorkflow::run, 0, run.options("countdown-typed"))));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void resultFollowsContinueAsNew(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow(CountdownWorkflow::run, 3, run.options("continue")));
      assertEquals("liftoff", join(handle.getResult()));
      WorkflowContinuedAsNewException continued = failure(handle.getResult(false), WorkflowContinuedAsNewException.class);
      assertEquals(handle.getResultRunId(), continued.getRunId());
      assertFalse(continued.getNewExecutionRunId().isEmpty());
      WorkflowExecutionDescription latest = join(handle.describe());
      assertEquals(WorkflowExecutionStatus.COMPLETED, latest.getStatus());
      assertEquals(handle.getResultRunId(), latest.getFirstExecutionRunId());
      assertTrue(!latest.getRunId().equals(handle.getResultRunId()), "the latest run is another run");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void updatesTypedAndByNameAndRejectedByTheValidator(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowHandle<List<Order>> handle = join(run.client.startWorkflow(OrderWorkflow::run, REQUEST, run.options("updates")));
      // the run has taken the request's items once a query sees them; updates sent earlier could run before it
      assertEquals("waiting: ada has 1 item(s)", join(handle.query(OrderWorkflow::status)));
      int count = join(handle.executeUpdate(OrderWorkflow::addItem, new Order("pear", 1)));
      assertEquals(2, count);
      assertEquals(3, join(handle.executeUpdate("addItem", Integer.class, new Order("plum", 4))));

      // start, wait for acceptance, then for the result; a second handle by id sees the same outcome
      UpdateOptions accepted = UpdateOptions.newBuilder().updateId("fig-1").waitForStage(WorkflowUpdateStage.ACCEPTED).build();
      WorkflowUpdateHandle<Integer> update = join(handle.startUpdate(OrderWorkflow::addItem, new Order("fig", 1), accepted));
      assertEquals("fig-1", update.getUpdateId());
      assertEquals(4, join(update.getResult()));
      assertEquals(4, join(handle.getUpdateHandle("fig-1", Integer.class).getResult()));

      WorkflowUpdateFailedException rejected =
          failure(handle.executeUpdate(OrderWorkflow::addItem, new Order("kiwi", 0)), WorkflowUpdateFailedException.class);
      assertEquals("addItem", rejected.getUpdateName());
      ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, rejected.getCause());
      assertTrue(cause.getMessage().contains("the quantity of kiwi must be positive, was 0"), cause.getMessage());
      assertEquals("IllegalArgumentException", cause.getType());
      WorkflowUpdateFailedException byName =
          failure(handle.executeUpdate("addItem", Integer.class, new Order("lime", -1)), WorkflowUpdateFailedException.class);
      assertTrue(byName.getCause().getMessage().contains("the quantity of lime must be positive"));

      WorkflowQueryFailedException unknown = failure(handle.query("noSuchQuery", String.class), WorkflowQueryFailedException.class);
      assertTrue(unknown.getMessage().contains("noSuchQuery"), unknown.getMessage());

      join(handle.signal(OrderWorkflow::approve, "carol"));
      List<Order> orders = join(handle.getResult());
      assertEquals(List.of("apple", "pear", "plum", "fig"), orders.stream().map(Order::sku).toList());
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void signalWithStartAndUpdateWithStart(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      // signal-with-start: the workflow starts with the signal already delivered
      WorkflowOptions options = run.options("signal-with-start");
      WorkflowHandle<List<Order>> signaled =
          join(run.client.signalWithStart(WorkflowStart.of(OrderWorkflow::run, REQUEST, options), OrderWorkflow::approve, "dave"));
      assertEquals(List.of(new Order("apple", 2)), join(signaled.getResult()));
      assertEquals("approved by dave", join(signaled.query(OrderWorkflow::status)));

      // update-with-start: starts the workflow, then uses the running one
      WorkflowOptions useExisting =
          run.options("update-with-start").toBuilder().idConflictPolicy(WorkflowIdConflictPolicy.USE_EXISTING).build();
      WorkflowStart<List<Order>> start = WorkflowStart.of(OrderWorkflow::run, new OrderRequest("erin", List.of()), useExisting);
      UpdateWithStartResult<List<Order>, Integer> first =
          join(run.client.startUpdateWithStart(start, OrderWorkflow::addItem, new Order("melon", 1), UpdateOptions.defaults()));
      assertEquals(1, join(first.getUpdateHandle().getResult()));
      int second = join(run.client.executeUpdateWithStart(start, "addItem", Integer.class, new Order("grape", 3)));
      assertEquals(2, second);
      assertEquals(first.getWorkflowHandle().getResultRunId(), join(first.getWorkflowHandle().describe()).getRunId());
      join(first.getWorkflowHandle().signal("approve", "erin"));
      assertEquals(List.of("melon", "grape"), join(first.getWorkflowHandle().getResult()).stream().map(Order::sku).toList());
      run.replay(first.getWorkflowHandle());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void cancelTerminateFailureAndDuplicateStartCompleteFuturesExceptionally(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowHandle<String> canceled = join(run.client.startWorkflow("JavaWaiting", String.class, run.options("cancel")));
      join(canceled.cancel("no longer needed"));
      WorkflowFailedException cancelFailure = failure(canceled.getResult(), WorkflowFailedException.class);
      assertInstanceOf(CanceledFailure.class, cancelFailure.getCause());
      assertEquals(WorkflowExecutionStatus.CANCELED, join(canceled.describe()).getStatus());

      WorkflowHandle<String> terminated = join(run.client.startWorkflow("JavaWaiting", String.class, run.options("terminate")));
      WorkflowAlreadyStartedException duplicate =
          failure(
              run.client.startWorkflow(
                  "JavaWaiting", String.class, run.options("x").toBuilder().id(terminated.getWorkflowId()).build()),
              WorkflowAlreadyStartedException.class);
      assertEquals(terminated.getWorkflowId(), duplicate.getWorkflowId());
      assertEquals(terminated.getResultRunId(), duplicate.getRunId());
      join(terminated.terminate("operator stop"));
      WorkflowFailedException terminateFailure = failure(terminated.getResult(), WorkflowFailedException.class);
      TerminatedFailure terminatedCause = assertInstanceOf(TerminatedFailure.class, terminateFailure.getCause());
      assertEquals("operator stop", terminatedCause.getMessage());
      assertEquals(WorkflowExecutionStatus.TERMINATED, join(terminated.describe()).getStatus());

      WorkflowHandle<String> failing =
          join(run.client.startWorkflow("JavaFailing", String.class, run.options("failing"), new Order("durian", 7)));
      WorkflowFailedException failed = failure(failing.getResult(), WorkflowFailedException.class);
      ApplicationFailure application = assertInstanceOf(ApplicationFailure.class, failed.getCause());
      assertEquals("order durian rejected", application.getMessage());
      assertEquals("OrderRejected", application.getType());
      assertEquals(7, application.getDetails().get(0, Integer.class));

      RpcException missing = failure(run.client.getWorkflowHandle("no-such-workflow-" + run.taskQueue).describe(), RpcException.class);
      assertEquals(RpcStatusCode.NOT_FOUND, missing.getCode());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void describeAndHistoryAsJsonAndStream(JavaE2e.Server server) throws Exception {
    JavaE2e.withWorker(server, WORKFLOWS, List.of(), run -> {
      WorkflowOptions options = run.options("history").toBuilder().memo("customer", new Order("memo", 1)).build();
      WorkflowHandle<List<Order>> handle = join(run.client.startWorkflow(OrderWorkflow::run, REQUEST, options));
      WorkflowExecutionDescription running = join(handle.describe());
      assertEquals("JavaOrders", running.getWorkflowType());
      assertEquals(run.taskQueue, running.getTaskQueue());
      assertEquals(WorkflowExecutionStatus.RUNNING, running.getStatus());
      assertEquals(new Order("memo", 1), join(running.getMemoValue("customer", Order.class)));
      assertEquals(null, join(running.getMemoValue("nothing", Order.class)));
      join(handle.signal(OrderWorkflow::approve, "frank"));
      join(handle.getResult());

      String json = join(handle.fetchHistoryJson());
      WorkflowHistory history = WorkflowHistory.fromJson(handle.getWorkflowId(), json);
      List<EventType> types = history.getEvents().stream().map(HistoryEvent::getEventType).toList();
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, types.get(0));
      assertTrue(types.contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED), types.toString());
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, types.get(types.size() - 1));
      // the record argument went out as the JSON the other SDKs write, and came back through the JSON export
      String input =
          history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0).getData().toStringUtf8();
      assertEquals("{\"customer\":\"ada\",\"items\":[{\"sku\":\"apple\",\"quantity\":2}]}", input);
      try (Stream<HistoryEvent> events = handle.streamHistoryEvents()) {
        assertEquals(types, events.map(HistoryEvent::getEventType).toList());
      }
      WorkflowExecutionDescription closed = join(handle.describe());
      assertEquals(WorkflowExecutionStatus.COMPLETED, closed.getStatus());
      assertNotNull(closed.getCloseTime());
      assertEquals(types.size(), closed.getHistoryLength());
    });
  }
}
