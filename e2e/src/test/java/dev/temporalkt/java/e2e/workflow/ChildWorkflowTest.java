package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.common.ChildWorkflowCancellationType;
import dev.temporalkt.common.ParentClosePolicy;
import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.failure.CanceledFailure;
import dev.temporalkt.failure.ChildWorkflowFailure;
import dev.temporalkt.failure.TerminatedFailure;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.ChildWorkflowHandle;
import dev.temporalkt.java.workflow.ChildWorkflowOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowFuture;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's parent and child workflows in Java, on both servers, histories replayed afterwards: a parent starts
 * children by method reference, signals one (by reference and by name) and waits for its result, signals another
 * through an external handle, and completes while two more still run: the one with parent close policy TERMINATE is
 * terminated (by the dev server; the embedded test server does not apply parent close policies, so there the test
 * terminates it), the one with ABANDON runs on. A child cancelled through its handle reports the cancellation as its
 * cancellation type says.
 */
@Timeout(180)
class ChildWorkflowTest extends OnBothServers {
  @WorkflowInterface(name = "JavaCollectingChild")
  public static class CollectingChild {
    private final List<String> received = new ArrayList<>();
    private boolean done;

    @WorkflowRun
    public CompletableFuture<List<String>> run(String name) {
      return Workflow.await(() -> done).thenApply(ignored -> {
        List<String> result = new ArrayList<>();
        result.add(name);
        result.addAll(received);
        return result;
      });
    }

    @Signal
    public void add(String value) {
      received.add(value);
    }

    @Signal
    public void finish() {
      done = true;
    }
  }

  @WorkflowInterface(name = "JavaParent")
  public static class ParentWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(String prefix) {
      WorkflowFuture<ChildWorkflowHandle<List<String>>> waited =
          Workflow.startChildWorkflow(CollectingChild::run, "waited", ChildWorkflowOptions.newBuilder().workflowId(prefix + "-waited").build());
      WorkflowFuture<ChildWorkflowHandle<List<String>>> abandoned = Workflow.startChildWorkflow(
          CollectingChild::run, "abandoned",
          ChildWorkflowOptions.newBuilder().workflowId(prefix + "-abandoned").parentClosePolicy(ParentClosePolicy.ABANDON).build());
      WorkflowFuture<ChildWorkflowHandle<List<String>>> terminated = Workflow.startChildWorkflow(
          CollectingChild::run, "terminated",
          ChildWorkflowOptions.newBuilder().workflowId(prefix + "-terminated").parentClosePolicy(ParentClosePolicy.TERMINATE).build());
      CompletableFuture<List<String>> waitedResult = waited.thenCompose(child -> child.signal(CollectingChild::add, "one")
          .thenCompose(sent -> child.signal("add", "two"))
          .thenCompose(sent -> child.signal(CollectingChild::finish))
          .thenCompose(sent -> child.getResult()));
      CompletableFuture<Void> external = abandoned.thenCompose(child ->
          Workflow.getExternalWorkflowHandle(child.getWorkflowId()).signal(CollectingChild::add, "from the parent"));
      return Workflow.allOf(waitedResult, external, terminated)
          .thenApply(all -> waitedResult.join() + " " + abandoned.join().getWorkflowId() + " " + terminated.join().getWorkflowId());
    }
  }

  @WorkflowInterface(name = "JavaCancellingParent")
  public static class CancellingParent {
    @WorkflowRun
    public CompletableFuture<String> run(String childId) {
      ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
          .workflowId(childId)
          .cancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();
      return Workflow.startChildWorkflow(CollectingChild::run, "cancelled", options).thenCompose(child -> {
        child.cancel();
        return child.getResult().handle((value, failure) -> failure instanceof ChildWorkflowFailure childFailure
            ? "child failure caused by " + childFailure.getCause().getClass().getSimpleName()
            : "child ended with " + value + " / " + failure);
      });
    }
  }

  private static final List<Class<?>> WORKFLOWS = List.of(CollectingChild.class, ParentWorkflow.class, CancellingParent.class);

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void parentSignalsChildrenAndTheirParentClosePoliciesApply(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(), run -> run.userActs(() -> {
      String prefix = "children-" + java.util.UUID.randomUUID();
      WorkflowHandle<String> parent = join(run.client.startWorkflow(ParentWorkflow::run, prefix, run.options("parent")));
      assertEquals("[waited, one, two] " + prefix + "-abandoned " + prefix + "-terminated", join(parent.getResult()));

      WorkflowHandle<List<String>> terminated = run.client.getWorkflowHandle(prefix + "-terminated", null, (Class<List<String>>) (Class<?>) List.class);
      if (server.timeSkipping()) {
        // the embedded test server does not apply parent close policies: the child runs on until the test ends it
        assertEquals(WorkflowExecutionStatus.RUNNING, join(terminated.describe()).getStatus());
        join(terminated.terminate("the embedded test server leaves children of closed parents running"));
      }
      WorkflowFailedException ended = failure(terminated.getResult(), WorkflowFailedException.class);
      assertInstanceOf(TerminatedFailure.class, ended.getCause());
      assertEquals(WorkflowExecutionStatus.TERMINATED, join(terminated.describe()).getStatus());
      WorkflowHandle<List<String>> abandoned = run.client.getWorkflowHandle(prefix + "-abandoned", null, (Class<List<String>>) (Class<?>) List.class);
      assertEquals(WorkflowExecutionStatus.RUNNING, join(abandoned.describe()).getStatus());
      join(abandoned.signal(CollectingChild::finish));
      assertEquals(List.of("abandoned", "from the parent"), join(abandoned.getResult()));

      run.replay(parent);
      run.replay(prefix + "-waited", null);
      run.replay(abandoned);
      return null;
    }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aChildCancelledThroughItsHandle(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(), run -> run.userActs(() -> {
      String childId = "cancelled-child-" + java.util.UUID.randomUUID();
      WorkflowHandle<String> parent = join(run.client.startWorkflow(CancellingParent::run, childId, run.options("cancelling-parent")));
      assertEquals("child failure caused by " + CanceledFailure.class.getSimpleName(), join(parent.getResult()));
      assertEquals(WorkflowExecutionStatus.CANCELED, join(run.client.getWorkflowHandle(childId).describe()).getStatus());
      run.replay(parent);
      run.replay(childId, null);
      return null;
    }));
  }
}
