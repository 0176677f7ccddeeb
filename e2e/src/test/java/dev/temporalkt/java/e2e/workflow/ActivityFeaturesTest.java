package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.java.activity.ActivityExecutionContext;
import dev.temporalkt.java.activity.ActivityInfo;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.LocalActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's activity examples in Java, on both servers, histories replayed afterwards: an activity completed
 * asynchronously (its method returns without completing it and the test completes it with its task token through the
 * client), a heartbeating activity whose retry resumes from the last heartbeat's details, and a local activity.
 */
@Timeout(180)
class ActivityFeaturesTest extends OnBothServers {
  /** The task tokens of activities waiting to be completed, by document. */
  static final Map<String, CompletableFuture<byte[]>> TOKENS = new ConcurrentHashMap<>();

  public static class Activities {
    /** Hands its task token out and returns without completing the activity. */
    @Activity
    public String requestApproval(String document) {
      ActivityExecutionContext context = ActivityExecutionContext.current();
      TOKENS.get(document).complete(context.getTaskToken());
      context.doNotCompleteOnReturn();
      return "ignored";
    }

    /** Imports rows, heartbeating the count done; the first attempt fails after three, the retry goes on from there. */
    @Activity
    public String importRows(int rows) {
      ActivityExecutionContext context = ActivityExecutionContext.current();
      ActivityInfo info = context.getInfo();
      int start = info.getHeartbeatDetails(Integer.class).orElse(0);
      for (int row = start; row < rows; row++) {
        context.heartbeat(row + 1);
        if (info.getAttempt() == 1 && row + 1 == 3) throw new IllegalStateException("the connection dropped after row 3");
      }
      return "attempt " + info.getAttempt() + " started at row " + start + " and imported " + rows + " rows";
    }

    @Activity
    public int add(int a, int b) {
      return a + b;
    }
  }

  @WorkflowInterface(name = "JavaAsyncApproval")
  public static class AsyncApprovalWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(String document) {
      return Workflow.executeActivity(Activities::requestApproval, document,
          ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofMinutes(5)).build());
    }
  }

  @WorkflowInterface(name = "JavaImport")
  public static class ImportWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(int rows) {
      ActivityOptions options = ActivityOptions.newBuilder()
          .startToCloseTimeout(Duration.ofSeconds(30))
          .retryPolicy(RetryPolicy.newBuilder().initialInterval(Duration.ofMillis(100)).maximumAttempts(3).build())
          .build();
      return Workflow.executeActivity(Activities::importRows, rows, options)
          .thenCombine(
              Workflow.executeLocalActivity(Activities::add, 40, 2, LocalActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(5)).build()),
              (imported, sum) -> imported + "; local activity: " + sum);
    }
  }

  private static final List<Class<?>> WORKFLOWS = List.of(AsyncApprovalWorkflow.class, ImportWorkflow.class);

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anActivityCompletedAsynchronously(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(new Activities()), run -> run.userActs(() -> {
      String document = "contract-" + java.util.UUID.randomUUID();
      TOKENS.put(document, new CompletableFuture<>());
      WorkflowHandle<String> handle = join(run.client.startWorkflow(AsyncApprovalWorkflow::run, document, run.options("async")));
      byte[] token = TOKENS.get(document).get(60, TimeUnit.SECONDS);
      join(run.client.getAsyncActivityHandle(token).complete("approved " + document));
      assertEquals("approved " + document, join(handle.getResult()));
      // the method's return did not complete the activity: one attempt, completed by the client's call
      List<EventType> types = run.eventTypes(handle);
      assertEquals(1, types.stream().filter(t -> t == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).count(), types::toString);
      assertEquals(1, types.stream().filter(t -> t == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).count(), types::toString);
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, types.get(types.size() - 1), types::toString);
      run.replay(handle);
      return null;
    }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aHeartbeatingActivityResumesOnRetry(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(new Activities()), run -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow(ImportWorkflow::run, 5, run.options("import")));
      assertEquals("attempt 2 started at row 3 and imported 5 rows; local activity: 42", join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertEquals(1, types.stream().filter(t -> t == EventType.EVENT_TYPE_MARKER_RECORDED).count(), types::toString);
      run.replay(handle);
    });
  }
}
