package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class BaselineTest {
    private val cycles = PackageStructure.cycles("m", Fixtures.classes("fixtures/cycle"))
    private val abc = "package-cycle in m: fixtures.cycle.a, fixtures.cycle.b, fixtures.cycle.c"
    private val xy = "package-cycle in m: fixtures.cycle.x, fixtures.cycle.y"
    private val file = "checks/known.txt"

    @Test
    fun `parses keys, skipping comments and blank lines`() {
        assertEquals(listOf(abc, xy), PackageStructure.parseBaseline("# comment\n\n  $abc  \n$xy\n"))
    }

    @Test
    fun `accepts exactly the violations of the baseline`() {
        assertNull(PackageStructure.compareWithBaseline(cycles, listOf(xy, abc), file))
        assertNull(PackageStructure.compareWithBaseline(emptyList(), emptyList(), file))
    }

    @Test
    fun `fails on a violation that is not in the baseline`() {
        val message = PackageStructure.compareWithBaseline(cycles, listOf(abc), file)!!
        assertEquals(
            "Package structure check failed with 1 problem:\n\n1) ${cycles[1].message}\n" +
                "This violation is new (the baseline checks/known.txt only lists violations that are being removed): fix it.",
            message,
        )
    }

    @Test
    fun `fails on a baseline entry that no longer occurs`() {
        val gone = "split-package p in core, coroutines"
        assertEquals(
            "Package structure check failed with 1 problem:\n\n" +
                "1) The baseline checks/known.txt accepts\n  $gone\nbut it no longer occurs. Delete that line so it cannot come back unnoticed.",
            PackageStructure.compareWithBaseline(cycles, listOf(abc, gone, xy), file),
        )
    }

    @Test
    fun `asks to replace the entry of a cycle that got smaller`() {
        val bigger = "package-cycle in m: fixtures.cycle.a, fixtures.cycle.b, fixtures.cycle.c, fixtures.cycle.d"
        assertEquals(
            "Package structure check failed with 1 problem:\n\n1) ${cycles[0].message}\n" +
                "This violation got smaller than the one the baseline checks/known.txt accepts: replace its line\n" +
                "  $bigger\nwith\n  $abc",
            PackageStructure.compareWithBaseline(cycles, listOf(bigger, xy), file),
        )
    }

    @Test
    fun `numbers several problems`() {
        val message = PackageStructure.compareWithBaseline(cycles, listOf("split-package p in a, b"), file)!!
        assertEquals("Package structure check failed with 3 problems:", message.lines().first())
        assertEquals(listOf("1)", "2)", "3)"), message.lines().filter { Regex("^\\d\\) .*").matches(it) }.map { it.take(2) })
    }
}
