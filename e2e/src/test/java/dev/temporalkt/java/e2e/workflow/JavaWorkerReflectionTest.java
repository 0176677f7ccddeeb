package dev.temporalkt.java.e2e.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.temporalkt.java.isolation.IsolatedClassLoading;
import dev.temporalkt.java.isolation.IsolatedClassLoading.Load;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which code makes kotlin-reflect load when a Java application runs Java workflows and activities: a worker built from
 * Java, a Java workflow with timers, a condition, signal, query and update handlers, Java activities, a Java client and
 * a replay run in a class world of their own, and every class of kotlin-reflect's implementation loaded there is
 * attributed to the innermost SDK frame on the stack that loaded it. No frame of the Java facade, nor of the workflow
 * and activity runtime, may be one.
 */
@Timeout(120)
class JavaWorkerReflectionTest extends OnBothServers {
  /**
   * The core sites that load kotlin-reflect on this path today, the same as the Java client's (see
   * JavaClientReflectionTest): the JSON converter's question to kotlinx.serialization.
   * Once they have loaded kotlin-reflect's classes, a later use elsewhere loads none and goes unseen here, so the
   * workflow runtime's own sites were removed by reading its code (its payload types are Java types, its `Unit`
   * checks compare Java classes); this test pins that nothing else loads it first.
   */
  private static final Set<String> KNOWN_CORE_SITES =
      Set.of("dev.temporalkt.converter.internal.KotlinxEligibility.isDeclaredSerializable");

  @Test
  void javaWorkflowsAndActivitiesNeverMakeKotlinReflectLoad() throws Throwable {
    // the dev server: the workflow waits for the test's messages, which a time-skipping server would skip past
    JavaWorkflowServers.Server server = servers.servers().skip(1).findFirst().orElseThrow();
    List<Load> loads =
        IsolatedClassLoading.run(
            name -> name.startsWith("kotlin.reflect.jvm.internal.") || name.startsWith("kotlin.reflect.full."),
            WorkerScenario.class.getName(),
            "run",
            server.target().get());
    Set<String> sites = loads.stream().map(JavaWorkerReflectionTest::site).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(sites.contains("none"), () -> "loads without an SDK frame:\n" + loads);
    List<String> bySdkRuntime =
        sites.stream().filter(site -> !site.startsWith("dev.temporalkt.client.") && !site.startsWith("dev.temporalkt.converter.")).toList();
    assertEquals(List.of(), bySdkRuntime, () -> "the Java facade or the workflow runtime made kotlin-reflect load:\n" + loads);
    assertEquals(new TreeSet<>(KNOWN_CORE_SITES), sites, () -> "the sites that load kotlin-reflect changed:\n" + loads);
  }

  /** The innermost SDK frame (class and method) of the load's stack, or {@code none}. */
  private static String site(Load load) {
    return load.stack().stream()
        .filter(frame -> frame.getClassName().startsWith("dev.temporalkt."))
        .filter(frame -> !frame.getClassName().startsWith("dev.temporalkt.java.e2e.") && !frame.getClassName().startsWith("dev.temporalkt.java.isolation."))
        .findFirst()
        .map(frame -> frame.getClassName() + "." + frame.getMethodName())
        .orElse("none");
  }
}
