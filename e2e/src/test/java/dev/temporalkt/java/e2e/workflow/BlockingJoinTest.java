package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.api.history.v1.HistoryEvent;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowFuture;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * join() on an incomplete workflow future fails the workflow task at once, on both servers, with the message that
 * tells the user to compose instead ({@link WorkflowFuture#BLOCKING_MESSAGE}); the run stays open (the server retries
 * the task), so the test terminates it. Its class has a private embedded server: terminating a workflow whose task is
 * pending stops that server's clock for good.
 */
@Timeout(120)
class BlockingJoinTest extends OnBothServers {
  @WorkflowInterface(name = "JavaBlockingJoin")
  public static class BlockingWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run() {
      WorkflowFuture<Void> timer = Workflow.sleep(Duration.ofHours(1));
      timer.join(); // blocks: not allowed in workflow code
      return Workflow.completedFuture("unreachable");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void joinOnAnIncompleteFutureFailsTheWorkflowTask(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, List.of(BlockingWorkflow.class), List.of(), run -> run.userActs(() -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow(BlockingWorkflow::run, run.options("blocking")));
      HistoryEvent failed = run.awaitEvent(handle, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
      String message = failed.getWorkflowTaskFailedEventAttributes().getFailure().getMessage();
      assertTrue(message.contains("CompletableFuture.join() was called on an incomplete future"), message);
      assertTrue(message.contains(WorkflowFuture.BLOCKING_MESSAGE), message);
      List<EventType> types = run.eventTypes(handle);
      assertFalse(types.contains(EventType.EVENT_TYPE_TIMER_STARTED), () -> "a failed task records no command: " + types);
      join(handle.terminate("the test is over"));
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, run.eventTypes(handle).get(run.eventTypes(handle).size() - 1));
      return null;
    }));
  }
}
