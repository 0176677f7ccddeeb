package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.samples.EntityContinueAsNewJava.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EntityContinueAsNewJavaTest {
    @Test
    void theEntityKeepsItsStateAcrossRuns() {
        try (SampleEnvironment environment = SampleServers.devServer()) {
            Account account = EntityContinueAsNewJava.run(environment);
            assertEquals(280, account.points());
            assertEquals(7, account.signalsApplied());
            assertTrue(account.run() >= 2, "the entity continued as new at least once: " + account);
        }
    }
}
