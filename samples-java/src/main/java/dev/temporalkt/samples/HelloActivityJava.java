package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Hello activity: a workflow calls one activity and returns its result; a worker runs both, a client starts the
 * workflow and waits for it.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.HelloActivityJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class HelloActivityJava {
    static final String TASK_QUEUE = "hello-activity-java";

    private HelloActivityJava() {
    }

    /** The activity: ordinary code that may do I/O; retried by Temporal when it fails. */
    public static class GreetingActivities {
        @Activity
        public String composeGreeting(String greeting, String name) {
            return greeting + ", " + name + "!";
        }
    }

    /** The workflow: deterministic code that schedules the activity and returns its result. */
    @WorkflowInterface
    public static class GreetingWorkflow {
        private static final ActivityOptions OPTIONS =
            ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();

        @WorkflowRun
        public CompletableFuture<String> greet(String name) {
            return Workflow.executeActivity(GreetingActivities::composeGreeting, "Hello", name, OPTIONS);
        }
    }

    /** Runs a worker and the workflow with {@code name}; returns the workflow's result. */
    public static String run(SampleEnvironment environment, String name) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                .addWorkflowClass(GreetingWorkflow.class)
                .addActivities(new GreetingActivities())
                .build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder()
                .id(SampleEnvironment.workflowId("hello-activity"))
                .taskQueue(TASK_QUEUE)
                .build();
            WorkflowHandle<String> handle = client.startWorkflow(GreetingWorkflow::greet, name, options).join();
            System.out.println("Started workflow " + handle.getWorkflowId());
            String result = handle.getResult().join();
            System.out.println("Result: " + result);
            return result;
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(environment -> run(environment, "World"));
    }
}
