package dev.temporalkt.java.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java facade works with plain java.lang.reflect: building options, resolving method references to workflow
 * methods and connecting a client load no class of kotlin-reflect's implementation (`kotlin.reflect.jvm.internal`),
 * checked in a fresh class world where every class is loaded anew.
 */
class ReflectionFreeTest {
  @Test
  void offlineJavaClientLoadsNoKotlinReflect() throws Throwable {
    List<IsolatedClassLoading.Load> loads =
        IsolatedClassLoading.run(
            name -> name.startsWith("kotlin.reflect.jvm.internal.") || name.startsWith("kotlin.reflect.full."),
            OfflineScenario.class.getName(),
            "run");
    assertEquals(List.of(), loads, () -> "kotlin-reflect was loaded:\n" + loads);
  }

  @Test
  void theRecorderSeesKotlinReflectWhenItIsUsed() throws Throwable {
    List<IsolatedClassLoading.Load> loads =
        IsolatedClassLoading.run(
            name -> name.startsWith("kotlin.reflect.jvm.internal."), UsesKotlinReflect.class.getName(), "run");
    assertTrue(
        loads.stream().anyMatch(load -> load.className().equals("kotlin.reflect.jvm.internal.ReflectionFactoryImpl")),
        () -> "expected kotlin-reflect to load: " + loads);
    assertTrue(
        loads.get(0).innermostFrameOf("dev.temporalkt.").orElseThrow().getClassName().equals(UsesKotlinReflect.class.getName()),
        () -> "expected the load to be attributed to the scenario: " + loads.get(0));
  }

  /** A scenario that does use kotlin-reflect, to prove the check can fail. */
  public static final class UsesKotlinReflect {
    private UsesKotlinReflect() {}

    /** Asks the standard library for a KClass, which kotlin-reflect provides when it is on the class path. */
    public static void run(String... args) {
      kotlin.jvm.JvmClassMappingKt.getKotlinClass(String.class).getSimpleName();
    }
  }
}
