package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The dump of the fixtures in fixtures.api. Left out: `Greeter`'s internal constructor, `internal`, private and
 * `@InternalTemporalApi` members (`hiddenByAnnotation`, the getter of `hiddenProperty`), `greet$default`, the
 * internal `Outer.Companion` and its field, `HiddenClass`, `HiddenByAnnotation` and its nested class, the private and
 * internal nested classes of `Outer`, `fixtures.api.internal.Hidden`, the facade `OnlyInternalKt` with no public
 * function, `JavaBase`'s package-private and private members and its bridge `compareTo(Object)`.
 */
class ApiDumpTest {
    @Test
    fun `dumps public and protected API only`() {
        assertEquals(
            """
            public final enum fixtures.api.Color : java.lang.Enum
              public static final field GREEN Lfixtures/api/Color;
              public static final field RED Lfixtures/api/Color;
              public static method getEntries()Lkotlin/enums/EnumEntries;
              public static method valueOf(Ljava/lang/String;)Lfixtures/api/Color;
              public static method values()[Lfixtures/api/Color;

            public class fixtures.api.Greeter
              public static final field CONSTANT Ljava/lang/String;
              public static final field Companion Lfixtures/api/Greeter${'$'}Companion;
              public field late Ljava/lang/String;
              public <init>(Ljava/lang/String;)V
              public static final method create()Lfixtures/api/Greeter;
              public final method getLate()Ljava/lang/String;
              public final method getMutable()Ljava/lang/String;
              public final method getName()Ljava/lang/String;
              public final method greet(Ljava/lang/String;)Ljava/lang/String;
              public final method published()I
              public final method setLate(Ljava/lang/String;)V
              protected method template()Ljava/lang/String;

            public static final class fixtures.api.Greeter${'$'}Companion
              public final method create()Lfixtures/api/Greeter;

            public abstract class fixtures.api.JavaBase : java.lang.Comparable
              public static final field CONSTANT I
              protected field name Ljava/lang/String;
              protected <init>()V
              public method compareTo(Lfixtures/api/JavaBase;)I
              public abstract method run()V

            protected static class fixtures.api.JavaBase${'$'}ProtectedNested
              protected <init>()V

            public final class fixtures.api.KotlinKt
              public static final method topLevel()I

            public final class fixtures.api.Outer
              public <init>()V

            public final class fixtures.api.Outer${'$'}Inner
              public <init>(Lfixtures/api/Outer;)V

            public static final class fixtures.api.Outer${'$'}PublicNested
              public <init>()V

            public final class fixtures.api.Point
              public <init>(II)V
              public final method component1()I
              public final method component2()I
              public final method copy(II)Lfixtures/api/Point;
              public method equals(Ljava/lang/Object;)Z
              public final method getX()I
              public final method getY()I
              public method hashCode()I
              public method toString()Ljava/lang/String;

            public interface fixtures.api.Shape
              public abstract method area()D
              public method name()Ljava/lang/String;

            public static final class fixtures.api.Shape${'$'}DefaultImpls
              public static method name(Lfixtures/api/Shape;)Ljava/lang/String;

            public final class fixtures.api.Singleton
              public static final field INSTANCE Lfixtures/api/Singleton;
              public final method ping()Ljava/lang/String;

            """.trimIndent() + "\n",
            ApiDump.render(Fixtures.classes("fixtures/api")),
        )
    }

    @Test
    fun `the order of the class files does not matter`() {
        val classes = Fixtures.classes("fixtures/api")
        assertEquals(ApiDump.render(classes), ApiDump.render(classes.reversed()))
    }
}
