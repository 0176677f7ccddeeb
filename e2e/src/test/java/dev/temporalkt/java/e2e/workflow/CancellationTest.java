package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.activity.ActivityCancellationReason;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.common.ActivityCancellationType;
import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.failure.ActivityFailure;
import dev.temporalkt.failure.CanceledFailure;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.java.activity.ActivityExecutionContext;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.CancellationScope;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cancellation in Java workflows, on both servers, histories replayed afterwards: the Temporal documentation's workflow cancellation,
 * where the cancelled run's activity stops (waiting for its cancellation to complete), the workflow notices the
 * request and runs a clean-up activity in a detached scope that the cancellation does not reach, and only then closes
 * as cancelled; and a cancellation scope that cancels a group of pending operations (an activity, a timer and a
 * condition) once another activity won the race, next to a condition whose own future is cancelled.
 */
@Timeout(180)
class CancellationTest extends OnBothServers {
  /** Started activities count down their latch, by key; cancelled ones record why. */
  static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
  static final Map<String, ActivityCancellationReason> CANCELLED = new ConcurrentHashMap<>();

  public static class Activities {
    /** Heartbeats until cancelled, then reports the cancellation as the worker expects. */
    @Activity
    public String work(String key) {
      ActivityExecutionContext context = ActivityExecutionContext.current();
      CountDownLatch started = STARTED.get(key);
      if (started != null) started.countDown();
      while (true) {
        context.heartbeat(key);
        if (context.isCancelled()) {
          CANCELLED.put(key, context.getCancellationReason());
          context.throwIfCancelled();
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    @Activity
    public String cleanUp(String what) {
      return "cleaned up after " + what;
    }
  }

  private static final ActivityOptions QUICK = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(30)).build();

  private static ActivityOptions heartbeating(ActivityCancellationType type) {
    return ActivityOptions.newBuilder()
        .startToCloseTimeout(Duration.ofMinutes(5))
        .heartbeatTimeout(Duration.ofSeconds(2))
        .retryPolicy(RetryPolicy.newBuilder().maximumAttempts(1).build())
        .cancellationType(type)
        .build();
  }

  @WorkflowInterface(name = "JavaCleanupOnCancel")
  public static class CleanupWorkflow {
    private String noticed = "";
    private String cleanedUp = "";

    @WorkflowRun
    public CompletableFuture<String> run(String key) {
      CancellationScope.current().getCancellationRequest().thenRun(() -> noticed = "cancellation requested");
      return Workflow.executeActivity(Activities::work, key, heartbeating(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED))
          .exceptionallyCompose(failure -> {
            if (!Workflow.isCancelRequested()) return Workflow.failedFuture(failure);
            // the run's scope is cancelled: clean up in a scope the cancellation does not reach, then end as cancelled
            return Workflow.newDetachedCancellationScope(() -> {})
                .call(() -> Workflow.executeActivity(Activities::cleanUp, key, QUICK))
                .thenCompose(cleaned -> {
                  cleanedUp = cleaned;
                  return Workflow.failedFuture(failure);
                });
          });
    }

    @Query
    public String progress() {
      return noticed + "; " + cleanedUp;
    }
  }

  @WorkflowInterface(name = "JavaScopeRace")
  public static class RaceWorkflow {
    @WorkflowRun
    public CompletableFuture<String> run(String key) {
      List<CompletableFuture<String>> racers = new ArrayList<>();
      CancellationScope race = Workflow.newCancellationScope(() -> {
        racers.add(Workflow.executeActivity(Activities::work, key, heartbeating(ActivityCancellationType.TRY_CANCEL)));
        racers.add(Workflow.sleep(Duration.ofDays(1)).thenApply(fired -> "the timer fired"));
        racers.add(Workflow.await(() -> false).thenApply(held -> "the condition held"));
      });
      race.run();
      CompletableFuture<Void> abandoned = Workflow.await(() -> false);
      return Workflow.executeActivity(Activities::cleanUp, "the winner", QUICK).thenCompose(winner -> {
        abandoned.cancel(false);
        racers.add(abandoned.thenApply(held -> "the abandoned condition held"));
        race.cancel("the winner is known");
        List<CompletableFuture<String>> outcomes = racers.stream()
            .map(racer -> racer.handle((value, failure) -> value != null ? value : describe(failure)))
            .collect(Collectors.toList());
        return Workflow.allResults(new ArrayList<>(outcomes)).thenApply(described ->
            winner + " | " + String.join(", ", described) + " | cancelled: " + race.isCancelRequested());
      });
    }

    private static String describe(Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      return cause.getClass().getSimpleName() + (cause.getCause() != null ? " caused by " + cause.getCause().getClass().getSimpleName() : "");
    }
  }

  private static final List<Class<?>> WORKFLOWS = List.of(CleanupWorkflow.class, RaceWorkflow.class);

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aCancelledWorkflowCleansUpInADetachedScope(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(new Activities()), run -> run.userActs(() -> {
      String key = "cleanup-" + java.util.UUID.randomUUID();
      STARTED.put(key, new CountDownLatch(1));
      WorkflowHandle<String> handle = join(run.client.startWorkflow(CleanupWorkflow::run, key, run.options("cleanup")));
      assertTrue(STARTED.get(key).await(60, TimeUnit.SECONDS), "the activity started");
      join(handle.cancel());

      WorkflowFailedException failed = failure(handle.getResult(), WorkflowFailedException.class);
      assertInstanceOf(CanceledFailure.class, failed.getCause());
      assertEquals(ActivityCancellationReason.CANCEL_REQUESTED, CANCELLED.get(key));
      assertEquals("cancellation requested; cleaned up after " + key, join(handle.query(CleanupWorkflow::progress)));

      List<EventType> types = run.eventTypes(handle);
      int activityCancelled = types.indexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED);
      int cleanupCompleted = types.indexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
      assertTrue(activityCancelled > 0 && cleanupCompleted > activityCancelled, types::toString);
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, types.get(types.size() - 1), types::toString);
      run.replay(handle);
      return null;
    }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aCancellationScopeCancelsAGroupOfOperations(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, List.of(new Activities()), run -> run.userActs(() -> {
      String key = "race-" + java.util.UUID.randomUUID();
      WorkflowHandle<String> handle = join(run.client.startWorkflow(RaceWorkflow::run, key, run.options("race")));
      assertEquals(
          "cleaned up after the winner | ActivityFailure caused by CanceledFailure, CanceledFailure, CanceledFailure, CanceledFailure"
              + " | cancelled: true",
          join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertTrue(types.contains(EventType.EVENT_TYPE_TIMER_CANCELED), types::toString);
      assertTrue(types.contains(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED), types::toString);
      run.replay(handle);
      return null;
    }));
  }
}
