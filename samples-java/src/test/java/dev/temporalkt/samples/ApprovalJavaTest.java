package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ApprovalJavaTest {
    @Test
    void aSignalledExpenseIsApprovedAndAnUndecidedOneExpires() {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            assertEquals(List.of("expense E-1 approved by Maria", "expense E-2 expired without a decision"),
                ApprovalJava.run(environment));
        }
    }
}
