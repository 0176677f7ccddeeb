package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.activity.ActivityExecutionContext;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asynchronous activity completion: the activity hands its task token to another system (here a thread standing for
 * a human or an external service) and returns without completing; that system later completes the activity through
 * a client with the token, and the workflow continues with the result.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.AsyncActivityCompletionJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class AsyncActivityCompletionJava {
    static final String TASK_QUEUE = "async-activity-completion-java";

    private AsyncActivityCompletionJava() {
    }

    /** Stands for the external system: receives review requests and answers them later through a client. */
    public static final class ReviewDesk implements AutoCloseable {
        private final TemporalClient client;
        private final ExecutorService desk = Executors.newSingleThreadExecutor();

        public ReviewDesk(TemporalClient client) {
            this.client = client;
        }

        void submit(byte[] taskToken, String document) {
            desk.execute(() -> {
                System.out.println("  [review desk] reviewing " + document);
                client.getAsyncActivityHandle(taskToken).complete(document + " approved by the review desk").join();
            });
        }

        @Override
        public void close() {
            desk.shutdown();
        }
    }

    public static class ReviewActivities {
        private final ReviewDesk desk;

        public ReviewActivities(ReviewDesk desk) {
            this.desk = desk;
        }

        /** Sends the document for review and returns; the review desk completes the activity later. */
        @Activity
        public String requestReview(String document) {
            ActivityExecutionContext context = ActivityExecutionContext.current();
            desk.submit(context.getTaskToken(), document);
            context.doNotCompleteOnReturn();
            return null; // ignored: the activity stays open until the desk completes it
        }
    }

    @WorkflowInterface
    public static class ReviewWorkflow {
        private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofMinutes(10)).build();

        @WorkflowRun
        public CompletableFuture<String> review(String document) {
            return Workflow.executeActivity(ReviewActivities::requestReview, document, OPTIONS)
                .thenApply(verdict -> "review of " + document + ": " + verdict);
        }
    }

    /** Runs the review workflow; returns its result. */
    public static String run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (ReviewDesk desk = new ReviewDesk(client);
             Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                 .addWorkflowClass(ReviewWorkflow.class)
                 .addActivities(new ReviewActivities(desk))
                 .build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("review")).taskQueue(TASK_QUEUE).build();
            WorkflowHandle<String> handle = client.startWorkflow(ReviewWorkflow::review, "contract.pdf", options).join();
            System.out.println("Started workflow " + handle.getWorkflowId());
            String result = handle.getResult().join();
            System.out.println("  result: " + result);
            return result;
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(AsyncActivityCompletionJava::run);
    }
}
