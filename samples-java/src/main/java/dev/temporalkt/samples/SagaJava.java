package dev.temporalkt.samples;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.failure.ActivityFailure;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A saga with compensations: a trip is booked in three steps (car, hotel, flight), each an activity with a
 * compensating activity. When a step fails for good, the workflow runs the compensations of the steps that succeeded,
 * last first, and reports what it undid. The sample books one trip that succeeds and one whose flight cannot be
 * booked.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.SagaJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class SagaJava {
    static final String TASK_QUEUE = "saga-java";

    private SagaJava() {
    }

    /** The booking steps and their compensations. */
    public static class BookingActivities {
        @Activity
        public String bookCar(String trip) {
            return "car for " + trip;
        }

        @Activity
        public String bookHotel(String trip) {
            return "hotel for " + trip;
        }

        @Activity
        public String bookFlight(String trip) {
            if (trip.contains("Atlantis")) {
                // a business error: retrying will not help
                throw ApplicationFailure.nonRetryable("no flights to Atlantis", "NoFlights");
            }
            return "flight for " + trip;
        }

        @Activity
        public String cancelCar(String trip) {
            return "cancelled the car for " + trip;
        }

        @Activity
        public String cancelHotel(String trip) {
            return "cancelled the hotel for " + trip;
        }

        @Activity
        public String cancelFlight(String trip) {
            return "cancelled the flight for " + trip;
        }
    }

    /** The saga: books step by step, registering each step's compensation once it succeeded. */
    @WorkflowInterface
    public static class TripWorkflow {
        private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .startToCloseTimeout(Duration.ofSeconds(10))
            .retryPolicy(RetryPolicy.newBuilder().maximumAttempts(3).build())
            .build();
        private final Deque<Supplier<CompletableFuture<String>>> compensations = new ArrayDeque<>();
        private final List<String> booked = new ArrayList<>();

        @WorkflowRun
        public CompletableFuture<String> book(String trip) {
            return step(() -> Workflow.executeActivity(BookingActivities::bookCar, trip, OPTIONS),
                    () -> Workflow.executeActivity(BookingActivities::cancelCar, trip, OPTIONS))
                .thenCompose(car -> step(() -> Workflow.executeActivity(BookingActivities::bookHotel, trip, OPTIONS),
                    () -> Workflow.executeActivity(BookingActivities::cancelHotel, trip, OPTIONS)))
                .thenCompose(hotel -> step(() -> Workflow.executeActivity(BookingActivities::bookFlight, trip, OPTIONS),
                    () -> Workflow.executeActivity(BookingActivities::cancelFlight, trip, OPTIONS)))
                .thenApply(flight -> "booked " + String.join(", ", booked))
                .exceptionallyCompose(failure -> compensate(new ArrayList<>()).thenCompose(undone ->
                    Workflow.failedFuture(ApplicationFailure.nonRetryable(
                        "could not book " + trip + " (" + rootMessage(failure) + "); " + String.join(", ", undone), "TripNotBooked"))));
        }

        private CompletableFuture<String> step(Supplier<CompletableFuture<String>> action, Supplier<CompletableFuture<String>> compensation) {
            return action.get().thenApply(result -> {
                booked.add(result);
                compensations.push(compensation);
                return result;
            });
        }

        /** Runs the registered compensations one after another, the last step's first. */
        private CompletableFuture<List<String>> compensate(List<String> undone) {
            Supplier<CompletableFuture<String>> next = compensations.poll();
            if (next == null) return Workflow.completedFuture(undone);
            return next.get().thenCompose(result -> {
                undone.add(result);
                return compensate(undone);
            });
        }

        private static String rootMessage(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof ActivityFailure && cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        }
    }

    /** Books a trip that succeeds and one that is compensated; returns the result and the failure's message. */
    public static List<String> run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                .addWorkflowClass(TripWorkflow.class)
                .addActivities(new BookingActivities())
                .build().start()) {
            List<String> outcomes = new ArrayList<>();
            for (String trip : List.of("Lisbon", "Atlantis")) {
                WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("trip")).taskQueue(TASK_QUEUE).build();
                WorkflowHandle<String> handle = client.startWorkflow(TripWorkflow::book, trip, options).join();
                System.out.println("Started workflow " + handle.getWorkflowId() + " (a trip to " + trip + ")");
                String outcome;
                try {
                    outcome = handle.getResult().join();
                    System.out.println("  result: " + outcome);
                } catch (CompletionException e) {
                    // the workflow failed: its failure's cause is the ApplicationFailure the workflow threw
                    outcome = e.getCause().getCause().getMessage();
                    System.out.println("  failed: " + outcome);
                }
                outcomes.add(outcome);
            }
            return outcomes;
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(SagaJava::run);
    }
}
