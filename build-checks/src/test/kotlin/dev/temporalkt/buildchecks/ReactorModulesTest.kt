package dev.temporalkt.buildchecks

import java.nio.file.Path
import kotlin.io.path.copyTo
import kotlin.io.path.createDirectories
import kotlin.io.path.relativeTo
import kotlin.io.path.writeText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** A small reactor on disk: modules m1 and m2 share package fixtures.cycle.x; m3 is skipped, m4 aggregates. */
class ReactorModulesTest {
    @TempDir
    lateinit var root: Path

    private fun pom(directory: Path, artifactId: String, extra: String = "") {
        directory.createDirectories()
        directory.resolve("pom.xml").writeText(
            """
            <project>
              <parent><artifactId>parent</artifactId></parent>
              <artifactId>$artifactId</artifactId>
              $extra
            </project>
            """.trimIndent(),
        )
    }

    private fun module(name: String, vararg classes: String) {
        pom(root.resolve(name), "artifact-$name")
        root.resolve("$name/src/main/java/Source.java").also { it.parent.createDirectories() }.writeText("class Source {}")
        for (file in Fixtures.files("fixtures/cycle").filter { it.fileName.toString().removeSuffix(".class") in classes }) {
            val target = root.resolve("$name/target/classes").resolve(file.relativeTo(Fixtures.testClasses))
            target.parent.createDirectories()
            file.copyTo(target)
        }
    }

    private fun reactor(): ReactorModules {
        pom(root, "parent", "<modules><module>m1</module><module>m2</module><module>m3</module><module>m4</module></modules>" +
            "<profiles><profile><modules><module>other</module></modules></profile></profiles>")
        module("m1", "X", "A")
        module("m2", "X2", "Y")
        module("m3", "X")
        pom(root.resolve("m4"), "aggregator", "<packaging>pom</packaging>")
        return ReactorModules(root, skip = setOf("m3"), generated = setOf("m2"))
    }

    @Test
    fun `discovers the parent pom's modules except skipped and pom-packaged ones`() {
        val modules = reactor()
        assertEquals(listOf("m1" to "artifact-m1", "m2" to "artifact-m2"), modules.all.map { it.name to it.artifactId })
        assertEquals(listOf("m1"), modules.handWritten.map { it.name })
        assertEquals(
            mapOf("fixtures.cycle.a" to listOf("fixtures.cycle.a.A"), "fixtures.cycle.x" to listOf("fixtures.cycle.x.X")),
            modules.all[0].packages(),
        )
    }

    @Test
    fun `reports a package split across modules`() {
        val modules = reactor()
        val splits = PackageStructure.splitPackages(modules.all.associate { it.name to it.packages() })
        assertEquals(listOf("split-package fixtures.cycle.x in m1, m2"), splits.map { it.key })
        assertEquals(
            """
            Package fixtures.cycle.x is split across modules m1 and m2:
              m1: 1 class: fixtures.cycle.x.X
              m2: 1 class: fixtures.cycle.x.X2
            Every package must live in exactly one module (DESIGN.md §1). Move these classes into one of the modules, or give the classes of all but one module a package of their own.
            """.trimIndent(),
            splits.single().message,
        )
    }

    @Test
    fun `lists a few example classes of a large split`() {
        val split = PackageStructure.splitPackages(
            mapOf("core" to mapOf("p" to (1..5).map { "p.C$it" }), "coroutines" to mapOf("p" to listOf("p.K"), "q" to listOf("q.Q"))),
        ).single()
        assertEquals("  core: 5 classes: p.C1, p.C2, p.C3, and 2 more", split.message.lines()[1])
    }

    @Test
    fun `reports checked modules the checks do not depend on, and missing classes`() {
        val modules = reactor()
        root.resolve("m1/target/classes").toFile().deleteRecursively()
        pom(
            root.resolve("checks"), "checks",
            "<dependencies><dependency><artifactId>artifact-m2</artifactId></dependency></dependencies>",
        )
        assertEquals(
            listOf(
                "Module m1 is checked, but checks/pom.xml has no dependency on artifact-m1, so Maven may run the checks " +
                    "before m1 is compiled. Add it there as a test-scoped dependency, or, if m1 is not published, add it " +
                    "to checks.skipModules in that pom.",
                "Module m1 has main sources but no m1/target/classes: build it first (mvn -B -pl checks -am verify).",
            ),
            modules.setupProblems(root.resolve("checks/pom.xml")),
        )
    }
}
