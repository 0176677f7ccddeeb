package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.testing.EmbeddedTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs on a private embedded server: after a parent closes with an abandoned child, the test server stops skipping
 * time for every workflow on it, which would stall the timers of the tests sharing the JVM's server.
 */
@Timeout(120)
class ParentChildJavaTest {
    @Test
    void theAbandonedChildOutlivesItsParent() {
        try (EmbeddedTestServer server = EmbeddedTestServer.start();
             SampleEnvironment environment = SampleEnvironment.onTestServer(server.getTarget(), ClientOptions.defaults())) {
            ParentChildJava.Outcome outcome = ParentChildJava.run(environment);
            assertTrue(outcome.parentResult().startsWith("shipped order-17; audit child order-"), outcome.parentResult());
            assertEquals(WorkflowExecutionStatus.RUNNING, outcome.auditStatusAfterParent());
            assertEquals("audited order-17", outcome.auditResult());
        }
    }
}
