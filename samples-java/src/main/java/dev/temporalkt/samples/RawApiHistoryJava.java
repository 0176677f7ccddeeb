package dev.temporalkt.samples;

import com.google.protobuf.ByteString;
import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.api.common.v1.Payloads;
import dev.temporalkt.api.common.v1.WorkflowExecution;
import dev.temporalkt.api.common.v1.WorkflowType;
import dev.temporalkt.api.history.v1.HistoryEvent;
import dev.temporalkt.api.taskqueue.v1.TaskQueue;
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest;
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionResponse;
import dev.temporalkt.client.Connection;
import dev.temporalkt.client.ConnectionOptions;
import dev.temporalkt.testing.EmbeddedTestServer;

import java.util.UUID;

/**
 * <b>Raw gRPC API sample</b>, not the SDK's Java API (for that see {@link HelloActivityJava} and the other samples):
 * the Java twin of the Kotlin raw-API sample. It starts the embedded Temporal test server, starts a workflow
 * execution with the generated blocking gRPC stub of the workflow service (no worker polls its task queue) and prints
 * its history, for code that needs a request the client does not offer.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.RawApiHistoryJava}
 * (the module's default main class).
 */
public final class RawApiHistoryJava {
    private RawApiHistoryJava() {
    }

    public static void main(String[] args) {
        try (EmbeddedTestServer server = EmbeddedTestServer.start();
             Connection connection = Connection.open(new ConnectionOptions(server.getTarget(), server.getNamespace()))) {
            String workflowId = "raw-api-java-" + UUID.randomUUID();
            Payload input = Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFromUtf8("\"World\""))
                    .build();
            StartWorkflowExecutionResponse started = connection.getWorkflowServiceBlocking().startWorkflowExecution(
                    StartWorkflowExecutionRequest.newBuilder()
                            .setNamespace(connection.getNamespace())
                            .setIdentity(connection.getIdentity())
                            .setRequestId(UUID.randomUUID().toString())
                            .setWorkflowId(workflowId)
                            .setWorkflowType(WorkflowType.newBuilder().setName("Greeting"))
                            .setTaskQueue(TaskQueue.newBuilder().setName("samples"))
                            .setInput(Payloads.newBuilder().addPayloads(input))
                            .build());
            System.out.println("Started workflow " + workflowId + ", run " + started.getRunId());
            WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(started.getRunId()).build();
            for (HistoryEvent event : connection.getWorkflowServiceBlocking().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(connection.getNamespace())
                            .setExecution(execution)
                            .build()).getHistory().getEventsList()) {
                System.out.printf("  %3d %s%n", event.getEventId(), event.getEventType().name().replace("EVENT_TYPE_", ""));
            }
        }
    }
}
