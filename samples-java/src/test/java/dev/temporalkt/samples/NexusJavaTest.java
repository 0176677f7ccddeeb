package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** On the shared dev server, whose Nexus support is the real server's. */
@Timeout(120)
class NexusJavaTest {
    @Test
    void aJavaWorkflowCallsASynchronousAndAWorkflowRunOperationOfAJavaHandler() {
        try (SampleEnvironment environment = SampleServers.devServer()) {
            assertEquals("Hello, Ada! / Hello later, Ada!", NexusJava.run(environment));
        }
    }
}
