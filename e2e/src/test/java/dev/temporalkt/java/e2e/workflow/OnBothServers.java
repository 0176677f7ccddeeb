package dev.temporalkt.java.e2e.workflow;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the Java workflow tests: one pair of servers (the embedded time-skipping server and the shared dev server)
 * per test class, given to {@code @MethodSource("servers")} parameterized tests and closed after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnBothServers {
  final JavaWorkflowServers servers = new JavaWorkflowServers();

  Stream<JavaWorkflowServers.Server> servers() {
    return servers.servers();
  }

  @AfterAll
  void closeServers() {
    servers.close();
  }
}
