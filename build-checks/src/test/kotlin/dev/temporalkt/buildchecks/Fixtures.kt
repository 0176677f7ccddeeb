package dev.temporalkt.buildchecks

import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.name
import kotlin.io.path.relativeTo
import kotlin.streams.asSequence

/** The compiled fixture classes of this module's test sources (`fixtures.*`). */
object Fixtures {
    val testClasses: Path = Path.of(Fixtures::class.java.protectionDomain.codeSource.location.toURI())

    /** The class files under the package directory [packagePath] (`fixtures/cycle`), sub-packages included. */
    fun files(packagePath: String): List<Path> = Files.walk(testClasses.resolve(packagePath)).use { paths ->
        paths.asSequence().filter { it.name.endsWith(".class") }.sortedBy { it.relativeTo(testClasses).toString() }.toList()
    }

    fun classes(packagePath: String): List<ClassFile> = files(packagePath).map(ClassFile::read)
}
