package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Schedules need a full server: this test runs on the test kit's shared dev server. */
@Timeout(180)
class ScheduleJavaTest {
    @Test
    void theScheduleStartsTheWorkflowAndIsPausedAndDeleted() throws InterruptedException {
        try (SampleEnvironment environment = SampleServers.devServer()) {
            ScheduleJava.Outcome outcome = ScheduleJava.run(environment);
            assertTrue(outcome.firstWorkflowId().startsWith(outcome.scheduleId() + "-run"), outcome.firstWorkflowId());
            assertEquals("report for payments by run " + outcome.firstWorkflowId(), outcome.firstResult());
            assertEquals(10, outcome.upcomingStarts());
            assertTrue(outcome.paused());
        }
    }
}
