package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.testing.WorkflowEnvironment;
import dev.temporalkt.testing.junit5.TemporalExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The time-skipping environment of the test kit moves its clock 30 days on at once. */
class ThirtyDaysTest {
    @RegisterExtension
    static final TemporalExtension temporal = TemporalExtension.newBuilder().build();

    @Test
    void thirtyDaysPassAtOnce(WorkflowEnvironment env) {
        Instant before = env.currentTimeAsync().join();
        env.sleepAsync(Duration.ofDays(30)).join();
        Instant after = env.currentTimeAsync().join();
        assertTrue(Duration.between(before, after).compareTo(Duration.ofDays(30)) >= 0, before + " -> " + after);
    }
}
