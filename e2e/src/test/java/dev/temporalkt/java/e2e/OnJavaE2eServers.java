package dev.temporalkt.java.e2e;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the Java client tests: one {@link JavaE2e} (the embedded server, its clock held, and the shared dev server)
 * per test class, given to {@code @MethodSource("servers")} parameterized tests and closed after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnJavaE2eServers {
  final JavaE2e e2e = new JavaE2e();

  Stream<JavaE2e.Server> servers() {
    return e2e.servers();
  }

  @AfterAll
  void closeServers() {
    e2e.close();
  }
}
