package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.common.WorkflowExecutionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TimerCancellationJavaTest {
    @Test
    void theTimersFireAndACancelledReservationIsReleasedInADetachedScope() {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            List<TimerCancellationJava.Outcome> outcomes = TimerCancellationJava.run(environment);
            TimerCancellationJava.Outcome kept = outcomes.get(0);
            assertEquals(WorkflowExecutionStatus.COMPLETED, kept.status());
            assertEquals("released room 101", kept.result());
            assertEquals(List.of("reminder sent"), kept.steps());
            TimerCancellationJava.Outcome cancelled = outcomes.get(1);
            assertEquals(WorkflowExecutionStatus.CANCELED, cancelled.status());
            assertEquals(List.of("cancelled while waiting", "released room 102"), cancelled.steps());
        }
    }
}
