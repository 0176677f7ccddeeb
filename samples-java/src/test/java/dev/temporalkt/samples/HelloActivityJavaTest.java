package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class HelloActivityJavaTest {
    @Test
    void theWorkflowReturnsTheActivitysGreeting() {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            assertEquals("Hello, Temporal!", HelloActivityJava.run(environment, "Temporal"));
        }
    }
}
