package dev.temporalkt.java.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.common.ActivityCancellationType;
import dev.temporalkt.common.ChildWorkflowCancellationType;
import dev.temporalkt.common.ParentClosePolicy;
import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.java.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options of the workflow and worker side, built from Java source: each builder chains its setters, takes
 * {@code java.time} durations, and gives back what was set through getters and through {@code toBuilder()}.
 */
class OptionsBuildersTest {
  private static final RetryPolicy RETRY = RetryPolicy.newBuilder().initialInterval(Duration.ofSeconds(2)).maximumAttempts(4).build();

  @Test
  void activityOptions() {
    ActivityOptions options = ActivityOptions.newBuilder()
        .startToCloseTimeout(Duration.ofSeconds(30))
        .scheduleToCloseTimeout(Duration.ofMinutes(5))
        .heartbeatTimeout(Duration.ofSeconds(3))
        .taskQueue("elsewhere")
        .retryPolicy(RETRY)
        .cancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
    assertEquals(Duration.ofSeconds(30), options.getStartToCloseTimeout());
    assertEquals(Duration.ofMinutes(5), options.getScheduleToCloseTimeout());
    assertEquals(Duration.ofSeconds(3), options.getHeartbeatTimeout());
    assertEquals("elsewhere", options.getTaskQueue());
    assertEquals(RETRY, options.getRetryPolicy());
    assertEquals(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED, options.getCancellationType());
    assertEquals(Duration.ofMinutes(1), options.toBuilder().startToCloseTimeout(Duration.ofMinutes(1)).build().getStartToCloseTimeout());
    assertEquals(Duration.ofMinutes(5), options.toBuilder().build().getScheduleToCloseTimeout());
  }

  @Test
  void localActivityOptions() {
    LocalActivityOptions options = LocalActivityOptions.newBuilder()
        .startToCloseTimeout(Duration.ofSeconds(5))
        .localRetryThreshold(Duration.ofSeconds(20))
        .retryPolicy(RETRY)
        .build();
    assertEquals(Duration.ofSeconds(5), options.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(20), options.getLocalRetryThreshold());
    assertEquals(RETRY, options.getRetryPolicy());
    assertEquals(options, options.toBuilder().build());
  }

  @Test
  void childWorkflowOptions() {
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .workflowId("child-1")
        .taskQueue("children")
        .executionTimeout(Duration.ofHours(1))
        .parentClosePolicy(ParentClosePolicy.ABANDON)
        .cancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
    assertEquals("child-1", options.getWorkflowId());
    assertEquals("children", options.getTaskQueue());
    assertEquals(Duration.ofHours(1), options.getExecutionTimeout());
    assertEquals(ParentClosePolicy.ABANDON, options.getParentClosePolicy());
    assertEquals("child-2", options.toBuilder().workflowId("child-2").build().getWorkflowId());
    assertEquals(ParentClosePolicy.ABANDON, options.toBuilder().build().getParentClosePolicy());
  }

  @Test
  void continueAsNewOptions() {
    ContinueAsNewOptions options = ContinueAsNewOptions.newBuilder()
        .taskQueue("next")
        .runTimeout(Duration.ofDays(1))
        .memo(Map.of("owner", "ada"))
        .retryPolicy(RETRY)
        .build();
    assertEquals("next", options.getTaskQueue());
    assertEquals(Duration.ofDays(1), options.getRunTimeout());
    assertEquals(Map.of("owner", "ada"), options.getMemo());
    assertEquals(RETRY, options.getRetryPolicy());
    assertEquals(options, options.toBuilder().build());
  }

  @Test
  void workerOptions() {
    WorkerOptions options = WorkerOptions.newBuilder()
        .maxConcurrentWorkflowTasks(3)
        .maxConcurrentActivities(7)
        .maxCachedWorkflows(0)
        .identity("java-worker")
        .build();
    assertEquals(3, options.getMaxConcurrentWorkflowTasks());
    assertEquals(7, options.getMaxConcurrentActivities());
    assertEquals(0, options.getMaxCachedWorkflows());
    assertEquals("java-worker", options.getIdentity());
    assertEquals(9, options.toBuilder().maxConcurrentActivities(9).build().getMaxConcurrentActivities());
    assertEquals("java-worker", WorkerOptions.defaults().toBuilder().identity("java-worker").build().getIdentity());
  }
}
