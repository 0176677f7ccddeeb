package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.testing.EmbeddedTestServer;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The README's Java quickstart in one file (its public classes nested here): a Java workflow with a day-long durable
 * timer and an activity, a worker built from Java and a client that runs the workflow. {@link #main} runs it on the
 * embedded time-skipping test server (which skips the timer); {@link #run} takes the server's address.
 *
 * <p>Run (the module's default sample): {@code mvn -B -q -pl samples-java exec:java}
 */
public final class JavaQuickstart {
    private JavaQuickstart() {
    }

    public static class GreetingActivities {
        @Activity public String composeGreeting(String name) { return "Hello, " + name + "!"; }
    }

    @WorkflowInterface
    public static class HelloWorkflow {
        @WorkflowRun public CompletableFuture<String> run(String name) {
            ActivityOptions options = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();
            return Workflow.sleep(Duration.ofDays(1)) // a durable timer
                .thenCompose(done -> Workflow.executeActivity(GreetingActivities::composeGreeting, name, options));
        }
    }

    /** Runs the quickstart's client and worker against the server at {@code target}; returns the workflow's result. */
    public static String run(String target) {
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).build()).join();
        try (Worker worker = Worker.newBuilder(client, "hello").addWorkflowClass(HelloWorkflow.class)
                .addActivities(new GreetingActivities()).build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id("hello-java").taskQueue("hello").build();
            String result = client.executeWorkflow(HelloWorkflow::run, "Temporal", options).join();
            System.out.println(result);
            return result;
        } finally {
            client.close();
        }
    }

    public static void main(String[] args) {
        try (EmbeddedTestServer server = EmbeddedTestServer.start()) {
            run(server.getTarget());
        }
    }
}
