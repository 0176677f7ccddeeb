package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class PublicApiCompareTest {
    private val committed = "public final class p.A\n  public <init>()V\n  public final method f()V\n\n"

    @Test
    fun `an unchanged API passes, whatever the committed line endings`() {
        assertNull(PublicApi.compare("core", "core/api/c.api", "core/target/classes", committed, committed))
        assertNull(PublicApi.compare("core", "core/api/c.api", "core/target/classes", committed.replace("\n", "\r\n"), committed))
    }

    @Test
    fun `a changed API fails with the diff and the command that accepts it`() {
        val actual = committed.replace("  public final method f()V\n", "  public final method f()V\n  public final method g()V\n")
        assertEquals(
            """
            The public API of module core differs from core/api/c.api (- committed, + built now):
            --- core/api/c.api
            +++ core/target/classes
            @@ -2,3 +2,4 @@
               public <init>()V
               public final method f()V
            +  public final method g()V
            ${" "}
            If the change is deliberate, rewrite the dump and commit it with the change:
              mvn -B -pl build-checks -am verify -DskipTests -Dapi.update=true
            Otherwise restore the API, or mark what is not API: `internal`, a package named internal, or @InternalTemporalApi.
            """.trimIndent(),
            PublicApi.compare("core", "core/api/c.api", "core/target/classes", committed, actual),
        )
    }

    @Test
    fun `a missing dump fails with the command that creates it`() {
        assertEquals(
            "Module core has no API dump core/api/c.api. Create it, check that it lists only what is meant to be " +
                "public API, and commit it:\n  mvn -B -pl build-checks -am verify -DskipTests -Dapi.update=true",
            PublicApi.compare("core", "core/api/c.api", "core/target/classes", null, committed),
        )
    }
}
