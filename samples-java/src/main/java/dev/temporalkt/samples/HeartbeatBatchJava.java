package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.java.activity.ActivityExecutionContext;
import dev.temporalkt.java.activity.ActivityInfo;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A heartbeating batch job that resumes after a worker restart: a long activity processes records one by one and
 * heartbeats the number of the last record it finished. The sample stops the worker in the middle of the batch (the
 * running attempt is cancelled and fails); the server retries the activity, and the next attempt, on a new worker,
 * reads the last heartbeat's details and resumes after that record instead of starting over.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.HeartbeatBatchJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class HeartbeatBatchJava {
    static final String TASK_QUEUE = "heartbeat-batch-java";
    static final int RECORDS = 10;

    private HeartbeatBatchJava() {
    }

    /** One record processed by one attempt. */
    public record Processed(int record, int attempt) {
    }

    public static class BatchActivities {
        private final List<Processed> processed;
        private final int stopAfter;
        private final CountDownLatch stopped = new CountDownLatch(1);

        /**
         * Activities that record what they process in {@code processed}; with {@code stopAfter} > 0 the first attempt
         * holds after that record until the worker shuts down (standing for a crash at a known point).
         */
        public BatchActivities(List<Processed> processed, int stopAfter) {
            this.processed = processed;
            this.stopAfter = stopAfter;
        }

        @Activity
        public int processBatch(int records) {
            ActivityExecutionContext context = ActivityExecutionContext.current();
            ActivityInfo info = context.getInfo();
            int done = info.getHeartbeatDetail(0, Integer.class).orElse(0);
            System.out.println("  [attempt " + info.getAttempt() + "] starting after record " + done);
            for (int record = done + 1; record <= records; record++) {
                processed.add(new Processed(record, info.getAttempt()));
                context.heartbeat(record); // progress: the next attempt resumes after this record
                if (record == stopAfter && info.getAttempt() == 1) {
                    stopped.countDown();
                    while (!context.isCancelled()) pause(); // until the worker shuts down
                    System.out.println("  [attempt " + info.getAttempt() + "] stopped after record " + record + ": "
                        + context.getCancellationReason());
                    context.throwIfCancelled();
                }
            }
            return records - done;
        }

        /** Waits until the first attempt holds after the record it stops after. */
        public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
            return stopped.await(timeout, unit);
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @WorkflowInterface
    public static class BatchWorkflow {
        private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .startToCloseTimeout(Duration.ofMinutes(10))
            .heartbeatTimeout(Duration.ofSeconds(10))
            .retryPolicy(RetryPolicy.newBuilder().initialInterval(Duration.ofMillis(100)).build())
            .build();

        @WorkflowRun
        public CompletableFuture<String> run(int records) {
            return Workflow.executeActivity(BatchActivities::processBatch, records, OPTIONS)
                .thenApply(last -> "processed " + records + " records, the last " + last + " after a restart");
        }
    }

    /** What the sample shows: the workflow's result and which attempt processed which record. */
    public record Outcome(String workflowId, String result, List<Processed> processed) {
    }

    /** Runs the batch, restarting the worker after record 4. */
    public static Outcome run(SampleEnvironment environment) throws InterruptedException {
        TemporalClient client = environment.client();
        List<Processed> processed = new CopyOnWriteArrayList<>();
        BatchActivities first = new BatchActivities(processed, 4);
        WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("batch")).taskQueue(TASK_QUEUE).build();
        WorkflowHandle<String> handle;
        // no workflow cache on the worker that stops: its workflow tasks then go to the task queue, not to a sticky
        // queue of its own, which the time-skipping test server would never hand to the next worker
        WorkerOptions noCache = WorkerOptions.newBuilder().maxCachedWorkflows(0).build();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).options(noCache)
                .addWorkflowClass(BatchWorkflow.class).addActivities(first).build().start()) {
            handle = client.startWorkflow(BatchWorkflow::run, RECORDS, options).join();
            System.out.println("Started workflow " + handle.getWorkflowId());
            if (!first.awaitStop(60, TimeUnit.SECONDS)) throw new IllegalStateException("the batch did not reach record 4 within a minute");
            System.out.println("  stopping the worker");
        }
        System.out.println("  starting a new worker");
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).addWorkflowClass(BatchWorkflow.class)
                .addActivities(new BatchActivities(processed, 0)).build().start()) {
            String result = handle.getResult().join();
            System.out.println("  result: " + result);
            System.out.println("  processed (record/attempt): " + processed.stream().map(p -> p.record() + "/" + p.attempt()).toList());
            return new Outcome(handle.getWorkflowId(), result, List.copyOf(processed));
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(HeartbeatBatchJava::run);
    }
}
