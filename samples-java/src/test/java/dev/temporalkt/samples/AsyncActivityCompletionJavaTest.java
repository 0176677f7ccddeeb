package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AsyncActivityCompletionJavaTest {
    @Test
    void anotherSystemCompletesTheActivityWithItsTaskToken() {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            assertEquals("review of contract.pdf: contract.pdf approved by the review desk", AsyncActivityCompletionJava.run(environment));
        }
    }
}
