package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SagaJavaTest {
    @Test
    void aFailedStepCompensatesTheStepsBeforeItLastFirst() {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            assertEquals(List.of(
                    "booked car for Lisbon, hotel for Lisbon, flight for Lisbon",
                    "could not book Atlantis (no flights to Atlantis); cancelled the hotel for Atlantis, cancelled the car for Atlantis"),
                SagaJava.run(environment));
        }
    }
}
