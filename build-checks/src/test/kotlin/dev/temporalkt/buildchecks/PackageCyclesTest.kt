package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class PackageCyclesTest {
    @Test
    fun `reports every strongly connected component of packages with one example per edge`() {
        val cycles = PackageStructure.cycles("m", Fixtures.classes("fixtures/cycle"))

        assertEquals(
            listOf(
                "package-cycle in m: fixtures.cycle.a, fixtures.cycle.b, fixtures.cycle.c",
                "package-cycle in m: fixtures.cycle.x, fixtures.cycle.y",
            ),
            cycles.map { it.key },
        )
        assertEquals(
            """
            Packages of module m form a dependency cycle: fixtures.cycle.a, fixtures.cycle.b, fixtures.cycle.c.
            The dependencies between them, each with one class dependency as an example:
              fixtures.cycle.a -> fixtures.cycle.b: fixtures.cycle.a.A -> fixtures.cycle.b.B
              fixtures.cycle.b -> fixtures.cycle.c: fixtures.cycle.b.B -> fixtures.cycle.c.C
              fixtures.cycle.c -> fixtures.cycle.a: fixtures.cycle.c.C -> fixtures.cycle.a.A
            Packages inside a module must form no cycle (DESIGN.md §1). Remove the dependencies of one direction: move the classes involved to the package they depend on or to a new package below both, or invert the dependency through an interface in the lower package.
            """.trimIndent(),
            cycles[0].message,
        )
        assertEquals(
            listOf(
                "  fixtures.cycle.x -> fixtures.cycle.y: fixtures.cycle.x.X -> fixtures.cycle.y.Y",
                "  fixtures.cycle.y -> fixtures.cycle.x: fixtures.cycle.y.Y -> fixtures.cycle.x.X (and 1 more)",
            ),
            cycles[1].message.lines().filter { it.startsWith("  ") },
        )
    }

    @Test
    fun `finds no cycle in an acyclic graph`() {
        val acyclic = Fixtures.classes("fixtures/cycle").filter { it.packageName != "fixtures.cycle.c" && it.packageName != "fixtures.cycle.y" }
        assertEquals(emptyList<Any>(), PackageStructure.cycles("m", acyclic))
    }

    @Test
    fun `strongly connected components`() {
        val graph = mapOf(1 to listOf(2), 2 to listOf(3, 4), 3 to listOf(1), 4 to listOf(5), 5 to listOf(4, 6), 6 to emptyList())
        assertEquals(
            setOf(setOf(1, 2, 3), setOf(4, 5), setOf(6)),
            PackageStructure.stronglyConnectedComponents(graph).toSet(),
        )
    }
}
