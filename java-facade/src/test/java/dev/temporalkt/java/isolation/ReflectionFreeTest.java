package dev.temporalkt.java.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java facade works with plain java.lang.reflect: building options, resolving method references to workflow
 * methods, connecting a client and converting Java values load no class of kotlin-reflect's implementation
 * (`kotlin.reflect.jvm.internal`, `kotlin.reflect.full`) of its own doing, checked in a fresh class world where every
 * class is loaded anew.
 */
class ReflectionFreeTest {
  /**
   * The one place of core on this path that loads kotlin-reflect: the JSON converter asks kotlinx.serialization for a
   * contextual serializer with {@code javaClass.kotlin}, for which the standard library creates a {@code KClass}
   * through kotlin-reflect when it is on the class path (a few dozen classes, no metadata read).
   */
  private static final String CORE_SITE = "dev.temporalkt.converter.internal.KotlinxEligibility.isDeclaredSerializable";

  @Test
  void offlineJavaClientLoadsNoKotlinReflect() throws Throwable {
    List<IsolatedClassLoading.Load> loads =
        IsolatedClassLoading.run(
            name -> name.startsWith("kotlin.reflect.jvm.internal.") || name.startsWith("kotlin.reflect.full."),
            OfflineScenario.class.getName(),
            "run");
    List<IsolatedClassLoading.Load> others =
        loads.stream()
            .filter(
                load ->
                    load.innermostFrameOf("dev.temporalkt.")
                        .map(frame -> !(frame.getClassName() + "." + frame.getMethodName()).equals(CORE_SITE))
                        .orElse(true))
            .toList();
    assertEquals(List.of(), others, () -> "kotlin-reflect was loaded:\n" + others);
    assertTrue(
        loads.stream().noneMatch(load -> load.className().startsWith("kotlin.reflect.full.")),
        () -> "kotlin-reflect's API was used:\n" + loads);
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
