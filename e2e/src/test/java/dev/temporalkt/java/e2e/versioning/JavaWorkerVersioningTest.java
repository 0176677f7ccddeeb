package dev.temporalkt.java.e2e.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.api.history.v1.History;
import dev.temporalkt.client.deployment.WorkerDeploymentDescription;
import dev.temporalkt.common.VersioningBehavior;
import dev.temporalkt.common.WorkerDeploymentVersion;
import dev.temporalkt.common.WorkflowVersioningInfo;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowInfo;
import dev.temporalkt.testing.DevServer;
import dev.temporalkt.worker.versioning.VersioningDevServer;
import dev.temporalkt.worker.WorkerDeploymentOptions;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * From Java: two worker versions of one deployment on one task queue (on the versioning tests' own dev server); a pinned run started on v1 finishes on v1 after
 * v2 became current (v2's code could not replay it), a run started after that runs on v2, and describe shows both.
 */
@Timeout(120)
class JavaWorkerVersioningTest {
  private static TemporalClient client;

  @BeforeAll
  static void connect() {
    DevServer server = VersioningDevServer.getServer();
    client = TemporalClient.connect(
        ConnectionOptions.newBuilder().target(server.getTarget()).namespace(server.getNamespace()).build()).join();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  static String self(String code) {
    WorkflowInfo info = Workflow.getInfo();
    return code + " " + info.getDeploymentVersion() + "/" + info.getVersioningBehavior();
  }

  @WorkflowInterface(name = "JavaPinnedOrder", versioningBehavior = VersioningBehavior.PINNED)
  public static class PinnedOrderV1 {
    private boolean go;

    @WorkflowRun
    public CompletableFuture<String> run() {
      return Workflow.await(() -> go).thenApply(ignored -> self("v1"));
    }

    @Signal
    public void go() {
      go = true;
    }
  }

  @WorkflowInterface(name = "JavaPinnedOrder", versioningBehavior = VersioningBehavior.PINNED)
  public static class PinnedOrderV2 {
    private boolean go;

    @WorkflowRun
    public CompletableFuture<String> run() {
      // a timer v1 histories do not have
      return Workflow.sleep(Duration.ofMillis(1)).thenCompose(slept -> Workflow.await(() -> go)).thenApply(ignored -> self("v2"));
    }

    @Signal
    public void go() {
      go = true;
    }
  }

  private static Worker worker(String buildId, Class<?> workflow) {
    return Worker.newBuilder(client, "java-versioned")
        .addWorkflowClass(workflow)
        .options(WorkerOptions.newBuilder().deploymentOptions(new WorkerDeploymentOptions("java-orders", buildId)).build())
        .build();
  }

  private static <T> T eventually(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      T answer;
      try {
        answer = probe.get();
      } catch (RuntimeException notYet) {
        answer = null;
      }
      if (answer != null) return answer;
      Thread.sleep(100); // polling a condition the server applies asynchronously
    }
    throw new AssertionError("Timed out waiting for: " + what);
  }

  private static List<String> completedBy(History history) {
    return history.getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .map(e -> e.getWorkflowTaskCompletedEventAttributes().getDeploymentVersion().getBuildId())
        .toList();
  }

  @Test
  void pinnedRunStaysOnV1WhileNewRunsGoToV2() throws Exception {
    WorkerDeploymentVersion v1 = new WorkerDeploymentVersion("java-orders", "v1");
    WorkerDeploymentVersion v2 = new WorkerDeploymentVersion("java-orders", "v2");
    try (Worker workerV1 = worker("v1", PinnedOrderV1.class).start(); Worker workerV2 = worker("v2", PinnedOrderV2.class).start()) {
      assertEquals(v1, workerV1.getDeploymentVersion());
      eventually("both versions registered", () -> {
        WorkerDeploymentDescription d = client.describeWorkerDeployment("java-orders").join();
        return d.getVersions().size() == 2 ? d : null;
      });
      client.setWorkerDeploymentCurrentVersion(v1).join();
      eventually("v1 current", () -> v1.equals(client.describeWorkerDeployment("java-orders").join().getCurrentVersion()) ? true : null);

      WorkflowHandle<String> pinned = client.startWorkflow("JavaPinnedOrder", String.class,
          WorkflowOptions.newBuilder().id("java-pinned").taskQueue("java-versioned").build()).join();
      eventually("the pinned run on v1", () -> {
        WorkflowVersioningInfo info = pinned.describe().join().getVersioningInfo();
        return info != null && v1.equals(info.getDeploymentVersion()) ? info : null;
      });

      client.setWorkerDeploymentCurrentVersion(v2).join();
      eventually("v2 current", () -> v2.equals(client.describeWorkerDeployment("java-orders").join().getCurrentVersion()) ? true : null);
      WorkflowHandle<String> fresh = client.startWorkflow("JavaPinnedOrder", String.class,
          WorkflowOptions.newBuilder().id("java-fresh").taskQueue("java-versioned").build()).join();

      pinned.signal("go").join();
      fresh.signal("go").join();
      assertEquals("v1 java-orders.v1/PINNED", pinned.getResult().join());
      assertEquals("v2 java-orders.v2/PINNED", fresh.getResult().join());

      WorkflowVersioningInfo pinnedInfo = pinned.describe().join().getVersioningInfo();
      assertNotNull(pinnedInfo);
      assertEquals(v1, pinnedInfo.getDeploymentVersion());
      assertEquals(VersioningBehavior.PINNED, pinnedInfo.getBehavior());
      assertEquals(v2, fresh.describe().join().getVersioningInfo().getDeploymentVersion());
      assertEquals(List.of("v1", "v1"), completedBy(pinned.fetchHistory().join().getHistory()));
      // two or three tasks, as the signal meets the timer: all of them on v2
      assertEquals(Set.of("v2"), Set.copyOf(completedBy(fresh.fetchHistory().join().getHistory())));
      for (WorkflowHandle<String> run : List.of(pinned, fresh)) {
        assertEquals(0, run.fetchHistory().join().getHistory().getEventsList().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).count());
      }
    }
  }
}
