package dev.temporalkt.java.e2e;

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
 * Which code makes kotlin-reflect load when a Java client talks to a workflow: the client runs in a class world of its
 * own (the worker, which uses kotlin-reflect, stays outside it), and every class of kotlin-reflect's implementation
 * loaded there is attributed to the innermost SDK frame on the stack that loaded it.
 *
 * The Java facade itself must never be that frame. The frames that are, all in the Kotlin client and converter of
 * core, are pinned here, so a new one fails this test and a fixed one shows up as a site to remove from the list.
 */
@Timeout(120)
class JavaClientReflectionTest extends OnJavaE2eServers {
  /**
   * The core code that loads kotlin-reflect on the Java client's path today: the JSON converter asking
   * kotlinx.serialization about contextual serializers with `javaClass.kotlin` (which only creates a `KClass`).
   */
  private static final Set<String> KNOWN_CORE_SITES =
      Set.of("dev.temporalkt.converter.internal.KotlinxEligibility.isDeclaredSerializable");

  @Test
  void theJavaFacadeNeverMakesKotlinReflectLoad() throws Exception {
    JavaE2e.Server server = e2e.servers().findFirst().orElseThrow();
    JavaE2e.withWorker(server, List.of(OrdersWorkflowImpl.class), List.of(), run -> {
      List<Load> loads;
      try {
        loads =
            IsolatedClassLoading.run(
                name -> name.startsWith("kotlin.reflect.jvm.internal.") || name.startsWith("kotlin.reflect.full."),
                FullClientScenario.class.getName(),
                "run",
                server.target().get(),
                run.taskQueue);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
      List<String> byFacade =
          loads.stream()
              .filter(load -> site(load).startsWith("dev.temporalkt.java."))
              .map(Load::toString)
              .toList();
      assertEquals(List.of(), byFacade, "the Java facade made kotlin-reflect load");
      Set<String> sites = loads.stream().map(JavaClientReflectionTest::site).collect(Collectors.toCollection(TreeSet::new));
      assertFalse(sites.contains("none"), () -> "loads without an SDK frame:\n" + loads.stream().filter(l -> site(l).equals("none")).toList());
      assertEquals(new TreeSet<>(KNOWN_CORE_SITES), sites, () -> "the sites that load kotlin-reflect changed:\n" + loads);
    });
  }

  /** The innermost SDK frame (class and method) of the load's stack, or {@code none}. */
  private static String site(Load load) {
    return load.innermostFrameOf("dev.temporalkt.")
        .map(frame -> frame.getClassName() + "." + frame.getMethodName())
        .orElse("none");
  }
}
