package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.failure.CanceledFailure;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.CancellationScope;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Durable timers and cancellation with clean-up: a reservation workflow sends a reminder after a timer, then holds the
 * reservation for a week with a second timer. The first reservation runs to its end (on the embedded test server the
 * week passes at once); the second is cancelled by the client while it waits: its timer is cancelled, and the
 * workflow releases the reservation with an activity in a detached {@link CancellationScope} (which the workflow's
 * cancellation does not reach) before it ends as cancelled.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.TimerCancellationJava}
 * (on a real server the first reservation takes a week; see {@link SampleEnvironment}).
 */
public final class TimerCancellationJava {
    static final String TASK_QUEUE = "timer-cancellation-java";

    private TimerCancellationJava() {
    }

    /** The side effects: reminders and releases, printed (a real system would e-mail and update a database). */
    public static class ReservationActivities {
        @Activity
        public String sendReminder(String reservation) {
            System.out.println("  [activity] reminder sent for " + reservation);
            return "reminded";
        }

        @Activity
        public String release(String reservation) {
            System.out.println("  [activity] released " + reservation);
            return "released " + reservation;
        }
    }

    @WorkflowInterface
    public static class ReservationWorkflow {
        private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();
        private final List<String> steps = new ArrayList<>();

        @WorkflowRun
        public CompletableFuture<String> run(String reservation) {
            return Workflow.sleep(Duration.ofHours(1))
                .thenCompose(slept -> Workflow.executeActivity(ReservationActivities::sendReminder, reservation, OPTIONS))
                .thenCompose(reminded -> {
                    steps.add("reminder sent");
                    return Workflow.sleep(Duration.ofDays(7));
                })
                .thenCompose(held -> Workflow.executeActivity(ReservationActivities::release, reservation, OPTIONS))
                .exceptionallyCompose(failure -> {
                    if (!Workflow.isCancelRequested()) return Workflow.failedFuture(failure);
                    steps.add("cancelled while waiting");
                    // the run's scope is cancelled, so new work there would fail at once: release in a detached scope
                    return Workflow.newDetachedCancellationScope(() -> { })
                        .call(() -> Workflow.executeActivity(ReservationActivities::release, reservation, OPTIONS))
                        .thenCompose(released -> {
                            steps.add(released);
                            return Workflow.failedFuture(failure); // ends the workflow as cancelled
                        });
                });
        }

        @Query
        public List<String> steps() {
            return steps;
        }
    }

    /** What happened to one reservation. */
    public record Outcome(String workflowId, WorkflowExecutionStatus status, String result, List<String> steps) {
    }

    /** Runs a reservation to its end and cancels another while it waits. */
    public static List<Outcome> run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                .addWorkflowClass(ReservationWorkflow.class)
                .addActivities(new ReservationActivities())
                .build().start()) {
            WorkflowHandle<String> kept = client.startWorkflow(ReservationWorkflow::run, "room 101", options()).join();
            System.out.println("Started workflow " + kept.getWorkflowId() + " (holds room 101 for a week)");
            String result = kept.getResult().join();
            System.out.println("  result: " + result);
            Outcome first = new Outcome(kept.getWorkflowId(), kept.describe().join().getStatus(), result,
                kept.query(ReservationWorkflow::steps).join());

            WorkflowHandle<String> cancelled = environment.whileUserActs(() -> {
                WorkflowHandle<String> handle = client.startWorkflow(ReservationWorkflow::run, "room 102", options()).join();
                System.out.println("Started workflow " + handle.getWorkflowId() + " (holds room 102 for a week)");
                handle.cancel("the guest cancelled").join();
                System.out.println("  cancellation requested");
                return handle;
            });
            String error;
            try {
                cancelled.getResult().join();
                throw new IllegalStateException("the cancelled reservation completed");
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof WorkflowFailedException failed && failed.getCause() instanceof CanceledFailure)) throw e;
                error = failed.getCause().getMessage();
            }
            WorkflowExecutionStatus status = cancelled.describe().join().getStatus();
            List<String> steps = cancelled.query(ReservationWorkflow::steps).join();
            System.out.println("  status: " + status + ", steps: " + steps);
            return List.of(first, new Outcome(cancelled.getWorkflowId(), status, error, steps));
        }
    }

    private static WorkflowOptions options() {
        return WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("reservation")).taskQueue(TASK_QUEUE).build();
    }

    public static void main(String[] args) {
        SampleEnvironment.run(TimerCancellationJava::run);
    }
}
