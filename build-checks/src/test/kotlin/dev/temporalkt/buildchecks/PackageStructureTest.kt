package dev.temporalkt.buildchecks

import java.nio.file.Path
import kotlin.io.path.readText
import kotlin.io.path.relativeTo
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.fail

/**
 * The package rules of DESIGN.md §1 over the main classes of the published modules (see [ReactorModules]): no
 * package has classes in two modules (the generated `api` module included), and the packages of a hand-written
 * module form no dependency cycle, computed from the class references in the compiled class files.
 *
 * **Baseline.** The code base broke these rules when the check came, so the violations of that time are listed in
 * `build-checks/src/test/resources/known-package-violations.txt`, one key per line (`split-package <package> in
 * <modules>` or `package-cycle in <module>: <packages>`). The check accepts exactly those: it fails on a violation
 * that is not listed, and also on a listed one that no longer occurs, which must then be deleted (a cycle that lost
 * packages must be replaced by its smaller key). So the baseline only shrinks; empty is the goal. Never add a line
 * to hide a new violation.
 */
class PackageStructureTest {
    private val modules = ReactorModules.fromSystemProperties()

    @Test
    fun `every checked module is built before the checks`() {
        val problems = modules.setupProblems(checksDirectory.resolve("pom.xml"))
        if (problems.isNotEmpty()) fail(problems.joinToString("\n"))
    }

    @Test
    fun `packages live in one module and form no cycle inside a module, except for the baseline`() {
        val splits = PackageStructure.splitPackages(modules.all.associate { it.name to it.packages() })
        val cycles = modules.handWritten.flatMap { module ->
            PackageStructure.cycles(module.name, module.classFiles().map(ClassFile::read))
        }
        val baselineFile = checksDirectory.resolve(BASELINE)
        val message = PackageStructure.compareWithBaseline(
            splits + cycles,
            PackageStructure.parseBaseline(baselineFile.readText()),
            baselineFile.relativeTo(modules.rootDirectory).toString(),
        )
        if (message != null) fail(message)
    }

    private val checksDirectory: Path get() = Path.of(System.getProperty("buildchecks.moduleDir"))

    private companion object {
        const val BASELINE = "src/test/resources/known-package-violations.txt"
    }
}
