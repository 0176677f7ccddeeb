package dev.temporalkt.java.e2e.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.testing.SharedServers;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A Java worker that cannot work on its namespace fails its start, saying which namespace on which server. */
class JavaWorkerStartCheckTest {
  @Test
  void startFailsForANamespaceThatDoesNotExist() {
    String target = SharedServers.devServer().getTarget();
    String namespace = "missing-" + UUID.randomUUID();
    try (TemporalClient client =
        TemporalClient.connect(ConnectionOptions.newBuilder().target(target).namespace(namespace).build()).join()) {
      Worker worker = Worker.newBuilder(client, "java-faults-queue")
          .addWorkflowClass(WorkerScenario.OrderWorkflow.class)
          .build();
      IllegalStateException error = assertThrows(IllegalStateException.class, worker::start);
      assertEquals(
          "Worker for task queue 'java-faults-queue' cannot start: namespace '" + namespace
              + "' does not exist on the Temporal server at " + target + ". Create it (temporal operator namespace create"
              + " --namespace " + namespace + ") or connect the client to the namespace the worker should serve",
          error.getMessage());
      assertEquals(Status.Code.NOT_FOUND, assertInstanceOf(StatusException.class, error.getCause()).getStatus().getCode());
      assertNull(worker.getFailureCause());
    }
  }
}
