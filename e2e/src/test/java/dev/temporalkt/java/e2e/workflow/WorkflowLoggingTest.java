package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.activity.ActivityExecutionContext;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.testing.logging.LogCapture;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records a real logback appender gets from a Java workflow's and a Java activity's loggers, on both servers:
 * the run's identity in the MDC under the documented keys, one record per call although the worker caches no run
 * (each workflow task replays the earlier ones), and none when the WorkflowReplayer replays the history.
 */
@Timeout(120)
class WorkflowLoggingTest extends OnBothServers {
  public static class LabelActivities {
    @Activity(name = "javaLabel")
    public String label(String order) {
      ActivityExecutionContext.current().getLogger().info("labelling {}", order);
      return "label for " + order;
    }
  }

  @WorkflowInterface(name = "JavaLogRecords")
  public static class LoggingWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();

    @WorkflowRun
    public CompletableFuture<String> run(String order) {
      Workflow.getLogger().info("order {} received", order);
      return Workflow.executeActivity(LabelActivities::label, order, OPTIONS)
          .thenApply(label -> {
            Workflow.getLogger().info("order {} labelled", order);
            return label;
          });
    }
  }

  private static Map<String, String> temporalEntries(LogCapture.Line line) {
    return new TreeMap<>(line.getMdc().entrySet().stream()
        .filter(e -> e.getKey().startsWith("temporal"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private static List<LogCapture.Line> from(LogCapture capture, Class<?> type) {
    return capture.getLines().stream().filter(l -> l.getLogger().equals(type.getName())).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void workflowAndActivityRecords(JavaWorkflowServers.Server server) throws Exception {
    try (LogCapture capture = LogCapture.start(Map.<String, Level>of())) {
      WorkerOptions options = WorkerOptions.newBuilder().maxCachedWorkflows(0).build();
      JavaWorkflowServers.withWorker(server, List.of(LoggingWorkflow.class), List.of(new LabelActivities()), options, run -> {
        WorkflowHandle<String> handle = join(run.client.startWorkflow(LoggingWorkflow::run, "order-5", run.options("java-log")));
        assertEquals("label for order-5", join(handle.getResult()));
        String runId = join(handle.describe()).getRunId();
        Map<String, String> workflowMdc = new TreeMap<>(Map.of(
            "temporalWorkflowId", handle.getWorkflowId(),
            "temporalRunId", runId,
            "temporalWorkflowType", "JavaLogRecords",
            "temporalTaskQueue", run.taskQueue,
            "temporalNamespace", "default",
            "temporalAttempt", "1"));
        Map<String, String> activityMdc = new TreeMap<>(Map.of(
            "temporal.activityId", "1",
            "temporal.activityType", "javaLabel",
            "temporal.attempt", "1",
            "temporal.workflowId", handle.getWorkflowId(),
            "temporal.workflowRunId", runId,
            "temporal.workflowType", "JavaLogRecords",
            "temporal.taskQueue", run.taskQueue,
            "temporal.namespace", "default"));
        List<LogCapture.Line> workflowRecords = from(capture, LoggingWorkflow.class);
        assertEquals(List.of("order order-5 received", "order order-5 labelled"),
            workflowRecords.stream().map(LogCapture.Line::getMessage).toList());
        assertEquals(List.of(workflowMdc, workflowMdc), workflowRecords.stream().map(WorkflowLoggingTest::temporalEntries).toList());
        List<LogCapture.Line> activityRecords = from(capture, LabelActivities.class);
        assertEquals(List.of("labelling order-5"), activityRecords.stream().map(LogCapture.Line::getMessage).toList());
        assertEquals(activityMdc, temporalEntries(activityRecords.get(0)));

        run.replay(handle);
        assertEquals(2, from(capture, LoggingWorkflow.class).size());
      });
    }
  }
}
