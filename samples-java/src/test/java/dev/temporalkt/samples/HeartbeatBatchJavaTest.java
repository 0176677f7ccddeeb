package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.samples.HeartbeatBatchJava.Processed;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class HeartbeatBatchJavaTest {
    @Test
    void afterTheWorkerRestartTheBatchResumesFromTheLastHeartbeat() throws InterruptedException {
        try (SampleEnvironment environment = SampleServers.embedded()) {
            HeartbeatBatchJava.Outcome outcome = HeartbeatBatchJava.run(environment);
            // records 1-4 by the first attempt, 5-10 by the second: none twice, none skipped
            List<Processed> expected = IntStream.rangeClosed(1, 10).mapToObj(r -> new Processed(r, r <= 4 ? 1 : 2)).toList();
            assertEquals(expected, outcome.processed());
            assertEquals("processed 10 records, the last 6 after a restart", outcome.result());
        }
    }
}
