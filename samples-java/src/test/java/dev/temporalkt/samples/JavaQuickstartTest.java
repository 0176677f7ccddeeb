package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.testing.SharedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's Java quickstart runs on the embedded time-skipping test server, which skips its day-long timer. */
@Timeout(120)
class JavaQuickstartTest {
    @Test
    void theJavaQuickstartGreets() {
        assertEquals("Hello, Temporal!", JavaQuickstart.run(SharedServers.embedded().getTarget()));
    }
}
