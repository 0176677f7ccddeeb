package dev.temporalkt.testing.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.ActivityCancelledException;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.testing.ActivityCallRecorder;
import dev.temporalkt.testing.ActivityEnvironment;
import dev.temporalkt.testing.ActivityMock;
import dev.temporalkt.testing.HistoryAssert;
import dev.temporalkt.testing.TemporalTestContext;
import dev.temporalkt.testing.WorkflowEnvironment;
import dev.temporalkt.testing.junit5.TaskQueue;
import dev.temporalkt.testing.junit5.TemporalExtension;
import dev.temporalkt.java.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testing examples of the Temporal docs, in Java with the JUnit 5 extension: Kotlin workflows started by name
 * through the Java client, and the Kotlin test-kit types where the Java facade has no counterpart yet.
 */
class DocsExamplesJavaTest {
    @RegisterExtension
    static final TemporalExtension temporal = TemporalExtension.newBuilder()
            .workflows(GreetingWorkflow.class, MonthlyReminderWorkflow.class, ApprovalWorkflow.class, DoublerWorkflow.class,
                    LoopingWorkflow.class)
            .build();

    @Test
    void mockedActivity(TemporalTestContext test, TemporalClient client, @TaskQueue String taskQueue, ActivityCallRecorder calls) {
        test.register(ActivityMock.blocking(GreetingActivities::composeGreeting,
                input -> input.getGreeting() + ", " + input.getName() + " from mocked activity!"));
        WorkflowOptions options = WorkflowOptions.newBuilder().id("greeting-" + taskQueue).taskQueue(taskQueue).build();
        String result = client.executeWorkflow("GreetingWorkflow", String.class, options, "World").join();
        assertEquals("Hello, World from mocked activity!", result);
        assertEquals(List.of("composeGreeting"), calls.getActivityTypes());
        assertEquals(List.of(new ComposeGreetingInput("Hello", "World")), calls.getCalls().get(0).getArguments());
    }

    @Test
    void thirtyDaySleepUnderAutomaticTimeSkipping(TemporalTestContext test, WorkflowEnvironment env) {
        Instant before = env.currentTimeAsync().join();
        WorkflowHandle<String> handle = test.getJavaClient()
                .startWorkflow("MonthlyReminder", String.class, test.javaWorkflowOptions("reminder"), "ada").join();
        assertEquals("reminded ada after 30 days", handle.getResult().join());
        assertTrue(Duration.between(before, env.currentTimeAsync().join()).compareTo(Duration.ofDays(30)) >= 0);
        HistoryAssert.assertThat(test.historiesBlocking().get(0)).hasTimerStarted(Duration.ofDays(30)).hasWorkflowCompleted();
    }

    @Test
    void manualTimeSkippingBeforeASignal(TemporalTestContext test, WorkflowEnvironment env) {
        WorkflowHandle<String> handle = test.getJavaClient()
                .startWorkflow("Approval", String.class, test.javaWorkflowOptions("approval")).join();
        Instant before = env.currentTimeAsync().join();
        env.sleepAsync(Duration.ofHours(2)).join();
        assertTrue(Duration.between(before, env.currentTimeAsync().join()).compareTo(Duration.ofHours(2)) >= 0);
        handle.signal("approve", "ada").join();
        assertEquals("approved by ada", handle.getResult().join());
        HistoryAssert.assertThat(test.historiesBlocking().get(0)).hasSignal("approve").hasNoFailedWorkflowTask();
    }

    @Test
    void assertionInWorkflowFailsTheWorkflow(TemporalTestContext test) {
        TemporalClient client = test.getJavaClient();
        assertEquals(42, client.executeWorkflow("Doubler", Integer.class, test.javaWorkflowOptions("doubler"), 21).join());
        CompletionException thrown = assertThrows(CompletionException.class,
                () -> client.executeWorkflow("Doubler", Integer.class, test.javaWorkflowOptions("doubler"), -1).join());
        WorkflowFailedException failed = assertInstanceOf(WorkflowFailedException.class, thrown.getCause());
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
        assertEquals("AssertionError", cause.getType());
        assertEquals("-1 should be > 0", cause.getMessage());
    }

    @Test
    void continueAsNew(TemporalTestContext test) {
        int result = test.getJavaClient()
                .executeWorkflow("Looping", Integer.class, test.javaWorkflowOptions("looping"), new LoopingInput(0, 6, 10))
                .join();
        assertEquals(6, result);
        List<dev.temporalkt.client.WorkflowHistory> runs = test.historiesBlocking();
        assertTrue(runs.size() > 1, "runs: " + runs.size());
        for (int i = 0; i < runs.size() - 1; i++) HistoryAssert.assertThat(runs.get(i)).hasContinuedAsNew();
        HistoryAssert.assertThat(runs.get(runs.size() - 1)).hasWorkflowCompleted();
    }

    @Test
    void heartbeatsAreCaptured() {
        List<Object> heartbeats = new ArrayList<>();
        ActivityEnvironment env = ActivityEnvironment.withHeartbeatListener(details -> heartbeats.add(details.get(0)));
        env.execute(() -> {
            new HeartbeatActivities().activityWithHeartbeats("test");
            return null;
        });
        assertEquals(List.of("param: test", "second heartbeat"), heartbeats);
    }

    @Test
    void activityIsCancelledBetweenHeartbeats() {
        AtomicReference<ActivityEnvironment> env = new AtomicReference<>();
        env.set(ActivityEnvironment.withHeartbeatListener(details -> {
            if (details.equals(List.of(3))) env.get().cancel(dev.temporalkt.activity.ActivityCancellationReason.CANCEL_REQUESTED);
        }));
        assertThrows(ActivityCancelledException.class, () -> env.get().execute(() -> new HeartbeatActivities().countUntilCancelled()));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3)), env.get().getHeartbeats());
    }
}
