package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowFuture;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Futures in Java workflow code are deterministic, on both servers: a workflow built from thenApplyAsync, thenCompose,
 * allOf, anyOf and completion-order chains over timers and activities, run by a worker whose cache holds no run (so
 * every workflow task replays the run from its history on a new instance) or one run, completes with the result its
 * code determines and replays cleanly; orTimeout and completeOnTimeout wait on durable timers.
 */
@Timeout(180)
class DeterminismTest extends OnBothServers {
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(30)).build();

  public static class Activities {
    @Activity
    public String label(int index) {
      return "item-" + index;
    }
  }

  @WorkflowInterface(name = "JavaFutureChains")
  public static class ChainsWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(int count, long stepMillis) {
      // each item starts its timer once the item after it completed, so the last item completes first whatever the
      // server's timing (which decides only how many workflow tasks the run takes)
      List<CompletableFuture<String>> items = new ArrayList<>(Collections.nCopies(count, null));
      CompletableFuture<String> after = Workflow.completedFuture("");
      for (int i = count - 1; i >= 0; i--) {
        int index = i;
        after = after.thenCompose(previous -> Workflow.sleep(Duration.ofMillis(stepMillis)))
            .thenApplyAsync(fired -> index)
            .thenCompose(n -> Workflow.executeActivity(Activities::label, n, OPTIONS))
            .thenApplyAsync(label -> label + "!");
        items.set(index, after);
      }
      WorkflowFuture<String> first = Workflow.anyOf(new ArrayList<>(items));
      List<WorkflowFuture<String>> byCompletion = Workflow.inCompletionOrder(new ArrayList<>(items));
      return Workflow.allOf(new ArrayList<>(items))
          .thenComposeAsync(all -> first)
          .thenCombine(Workflow.allResults(new ArrayList<>(byCompletion)), (winner, ordered) ->
              "first " + winner + ", in completion order " + ordered + ", in list order "
                  + items.stream().map(CompletableFuture::join).collect(Collectors.joining(",")));
    }
  }

  @WorkflowInterface(name = "JavaTimeouts")
  public static class TimeoutsWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(long timeoutMillis) {
      CompletableFuture<String> expired = Workflow.<String>newFuture()
          .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .handle((value, failure) -> failure instanceof TimeoutException ? "TimeoutException" : "no timeout: " + value + " " + failure);
      CompletableFuture<String> defaulted = Workflow.<String>newFuture().completeOnTimeout("the default", timeoutMillis, TimeUnit.MILLISECONDS);
      // completed before its timeout: the timer is cancelled
      WorkflowFuture<String> reply = Workflow.newFuture();
      Workflow.sleep(Duration.ofMillis(timeoutMillis / 2)).thenRun(() -> reply.complete("the answer"));
      CompletableFuture<String> answered = reply.orTimeout(1, TimeUnit.DAYS);
      return expired.thenCombine(defaulted, (a, b) -> a + ", " + b).thenCombine(answered, (ab, c) -> ab + ", " + c);
    }
  }

  private static final List<Class<?>> WORKFLOWS = List.of(ChainsWorkflow.class, TimeoutsWorkflow.class);

  Stream<Arguments> serversAndCaches() {
    return servers.servers().flatMap(server -> Stream.of(Arguments.of(server, 0), Arguments.of(server, 1)));
  }

  @ParameterizedTest(name = "{0}, cache of {1}")
  @MethodSource("serversAndCaches")
  void futureChainsCompleteAlikeWhenEveryTaskReplays(JavaWorkflowServers.Server server, int cache) throws Exception {
    WorkerOptions options = WorkerOptions.newBuilder().maxCachedWorkflows(cache).build();
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(new Activities()), options, run -> {
      long step = server.timer(Duration.ofMinutes(1), Duration.ofMillis(300)).toMillis();
      WorkflowHandle<String> handle = join(run.client.startWorkflow(ChainsWorkflow::run, 3, step, run.options("chains-" + cache)));
      assertEquals(
          "first item-2!, in completion order [item-2!, item-1!, item-0!], in list order item-0!,item-1!,item-2!",
          join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertFalse(types.contains(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED), types::toString);
      assertTrue(types.stream().filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count() > 3, types::toString);
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void orTimeoutAndCompleteOnTimeoutWaitOnDurableTimers(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(), run -> {
      long timeout = server.timer(Duration.ofHours(1), Duration.ofSeconds(1)).toMillis();
      WorkflowHandle<String> handle = join(run.client.startWorkflow(TimeoutsWorkflow::run, timeout, run.options("timeouts")));
      assertEquals("TimeoutException, the default, the answer", join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertEquals(4, types.stream().filter(t -> t == EventType.EVENT_TYPE_TIMER_STARTED).count(), types::toString);
      assertEquals(3, types.stream().filter(t -> t == EventType.EVENT_TYPE_TIMER_FIRED).count(), types::toString);
      assertEquals(1, types.stream().filter(t -> t == EventType.EVENT_TYPE_TIMER_CANCELED).count(), types::toString);
      run.replay(handle);
    });
  }
}
