package dev.temporalkt.samples;

import dev.temporalkt.api.nexus.v1.Endpoint;
import dev.temporalkt.api.nexus.v1.EndpointSpec;
import dev.temporalkt.api.nexus.v1.EndpointTarget;
import dev.temporalkt.api.operatorservice.v1.CreateNexusEndpointRequest;
import dev.temporalkt.api.operatorservice.v1.DeleteNexusEndpointRequest;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.nexus.NexusOperationOptions;
import dev.temporalkt.java.nexus.NexusServiceClient;
import dev.temporalkt.java.nexus.WorkflowRunOperationOptions;
import dev.temporalkt.java.nexus.WorkflowRunOperations;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.nexus.NexusOperation;
import dev.temporalkt.nexus.NexusService;
import dev.temporalkt.nexus.WorkflowRunOperation;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Nexus caller and handler in Java: a handler worker serves the Nexus service {@code JavaGreeting} with a synchronous
 * operation ({@code sayHello}) and one run as a workflow ({@code greetLater}); a caller workflow on another task queue
 * calls both through a Nexus endpoint that routes to the handler's task queue. The sample creates the endpoint with
 * the operator API and deletes it at the end.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.NexusJava}
 * (on the embedded test server; on a real server the caller needs permission to create Nexus endpoints, see
 * {@link SampleEnvironment}).
 */
public final class NexusJava {
    static final String HANDLER_TASK_QUEUE = "nexus-handler-java";
    static final String CALLER_TASK_QUEUE = "nexus-caller-java";

    private NexusJava() {
    }

    // ---- the handler side

    /** The workflow behind the {@code greetLater} operation. */
    @WorkflowInterface
    public static class DelayedGreetingWorkflow {
        @WorkflowRun
        public CompletableFuture<String> greet(String name) {
            return Workflow.sleep(Duration.ofSeconds(1)).thenApply(slept -> "Hello later, " + name + "!");
        }
    }

    /** The Nexus service handler: its operations are what callers in other namespaces or teams may use. */
    @NexusService(name = "JavaGreeting")
    public static class GreetingService {
        /** A synchronous operation: the method's result is the operation's result. */
        @NexusOperation
        public String sayHello(String name) {
            return "Hello, " + name + "!";
        }

        /** An asynchronous operation run as a workflow, whose result becomes the operation's result. */
        @NexusOperation
        public WorkflowRunOperation<String> greetLater(String name) {
            // a workflow id derived from the input, so that a retried request finds the same workflow
            return WorkflowRunOperations.start(DelayedGreetingWorkflow::greet, name,
                WorkflowRunOperationOptions.newBuilder("greet-later-" + name).build());
        }
    }

    // ---- the caller side

    /** What the caller workflow gets: the endpoint to call through and the name to greet. */
    public record Call(String endpoint, String name) {
    }

    @WorkflowInterface
    public static class CallerWorkflow {
        @WorkflowRun
        public CompletableFuture<String> run(Call call) {
            NexusServiceClient greetings = NexusServiceClient.newInstance(call.endpoint(), "JavaGreeting");
            NexusOperationOptions options = NexusOperationOptions.newBuilder().scheduleToCloseTimeout(Duration.ofMinutes(10)).build();
            CompletableFuture<String> hello = greetings.executeOperation("sayHello", String.class, call.name(), options);
            return hello.thenCompose(first -> greetings.startOperation("greetLater", String.class, call.name(), options)
                .thenCompose(later -> later.getResult())
                .thenApply(second -> first + " / " + second));
        }
    }

    /** Creates the endpoint, runs the handler and caller workers and the caller workflow; returns its result. */
    public static String run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        String endpointName = "nexus-java-" + UUID.randomUUID().toString().substring(0, 8);
        Endpoint endpoint = client.getConnection().getOperatorServiceBlocking().createNexusEndpoint(
            CreateNexusEndpointRequest.newBuilder().setSpec(EndpointSpec.newBuilder().setName(endpointName).setTarget(
                EndpointTarget.newBuilder().setWorker(EndpointTarget.Worker.newBuilder()
                    .setNamespace(client.getNamespace()).setTaskQueue(HANDLER_TASK_QUEUE)))).build()).getEndpoint();
        System.out.println("Created Nexus endpoint " + endpointName + " -> task queue " + HANDLER_TASK_QUEUE);
        try (Worker handler = Worker.newBuilder(client, HANDLER_TASK_QUEUE)
                 .addWorkflowClass(DelayedGreetingWorkflow.class)
                 .addNexusServices(new GreetingService())
                 .build().start();
             Worker caller = Worker.newBuilder(client, CALLER_TASK_QUEUE).addWorkflowClass(CallerWorkflow.class).build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("nexus-caller")).taskQueue(CALLER_TASK_QUEUE).build();
            WorkflowHandle<String> handle = client.startWorkflow(CallerWorkflow::run, new Call(endpointName, "Ada"), options).join();
            System.out.println("Started workflow " + handle.getWorkflowId());
            String result = handle.getResult().join();
            System.out.println("  result: " + result);
            return result;
        } finally {
            client.getConnection().getOperatorServiceBlocking().deleteNexusEndpoint(DeleteNexusEndpointRequest.newBuilder()
                .setId(endpoint.getId()).setVersion(endpoint.getVersion()).build());
            System.out.println("  deleted the endpoint");
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(NexusJava::run);
    }
}
