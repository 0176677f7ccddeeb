package dev.temporalkt.buildchecks

import java.nio.file.Files
import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.io.path.exists
import kotlin.io.path.isDirectory
import kotlin.io.path.name
import kotlin.io.path.relativeTo
import kotlin.streams.asSequence
import org.w3c.dom.Element

/** One module of the reactor: its directory name (`core`), artifactId and compiled main classes. */
class Module(val name: String, val artifactId: String, val directory: Path) {
    val classesDirectory: Path get() = directory.resolve("target/classes")

    /** Whether the module has main sources at all (java-facade had none yet; an e2e module has test sources only). */
    val hasMainSources: Boolean
        get() = listOf("src/main/kotlin", "src/main/java").any { source ->
            val dir = directory.resolve(source)
            dir.isDirectory() && Files.walk(dir).use { paths -> paths.anyMatch { it.name.endsWith(".kt") || it.name.endsWith(".java") } }
        }

    /** The compiled main classes, `module-info` and multi-release `META-INF/versions` left out. */
    fun classFiles(): List<Path> {
        if (!classesDirectory.isDirectory()) return emptyList()
        return Files.walk(classesDirectory).use { paths ->
            paths.asSequence()
                .filter { it.name.endsWith(".class") && it.name != "module-info.class" }
                .filter { !it.relativeTo(classesDirectory).startsWith("META-INF") }
                .sorted()
                .toList()
        }
    }

    /** The packages that have main classes, from the directory layout alone (cheap for the 6000 classes of `api`). */
    fun packages(): Map<String, List<String>> = classFiles().groupBy(
        { it.parent.relativeTo(classesDirectory).joinToString(".") },
        { it.relativeTo(classesDirectory).toString().removeSuffix(".class").replace('/', '.') },
    )

    override fun toString(): String = name
}

/**
 * The modules the checks look at: every `<module>` of the parent `pom.xml` (so a module added later is checked
 * without touching the checks), except `pom`-packaged aggregators and the modules listed in [skip] (not published:
 * samples, benchmarks, the checks themselves). Modules in [generated] have generated code: only the split-package
 * check looks at them.
 */
class ReactorModules(val rootDirectory: Path, private val skip: Set<String>, private val generated: Set<String>) {
    val all: List<Module> = moduleNames(rootDirectory.resolve("pom.xml"))
        .filter { it !in skip }
        .mapNotNull { name ->
            val directory = rootDirectory.resolve(name)
            val pom = xml(directory.resolve("pom.xml"))
            if (childText(pom, "packaging") == "pom") {
                null
            } else {
                Module(name, childText(pom, "artifactId") ?: error("$directory/pom.xml has no artifactId"), directory)
            }
        }

    /** The modules whose own code is written by hand: package cycles and public API are checked there. */
    val handWritten: List<Module> get() = all.filter { it.name !in generated }

    /**
     * Problems that would make the checks unreliable rather than wrong code: a checked module the checks' pom does
     * not depend on (the reactor could build it after the checks ran) and a module whose classes are missing.
     */
    fun setupProblems(checksPom: Path): List<String> {
        val dependencies = xml(checksPom).getElementsByTagName("dependency").let { nodes ->
            (0 until nodes.length).mapNotNull { childText(nodes.item(it) as Element, "artifactId") }.toSet()
        }
        val checksModule = checksPom.parent.relativeTo(rootDirectory)
        return all.filter { it.hasMainSources }.flatMap { module ->
            listOfNotNull(
                if (module.artifactId in dependencies) null else
                    "Module ${module.name} is checked, but $checksModule/pom.xml has no dependency on ${module.artifactId}, " +
                        "so Maven may run the checks before ${module.name} is compiled. Add it there as a test-scoped " +
                        "dependency, or, if ${module.name} is not published, add it to checks.skipModules in that pom.",
                if (module.classesDirectory.exists()) null else
                    "Module ${module.name} has main sources but no ${module.classesDirectory.relativeTo(rootDirectory)}: " +
                        "build it first (mvn -B -pl $checksModule -am verify).",
            )
        }
    }

    companion object {
        /** Reads the root directory and module lists from the system properties the checks' pom sets for surefire. */
        fun fromSystemProperties(): ReactorModules {
            fun list(property: String) = System.getProperty(property).orEmpty()
                .split(',').map { it.trim() }.filter { it.isNotEmpty() }.toSet()
            val root = System.getProperty("buildchecks.rootDir")
                ?: error("System property buildchecks.rootDir is not set; run the checks through Maven (see build-checks/README.md)")
            return ReactorModules(Path.of(root).toAbsolutePath().normalize(), list("buildchecks.skipModules"), list("buildchecks.generatedModules"))
        }

        private fun moduleNames(pom: Path): List<String> {
            val modules = childElement(xml(pom), "modules") ?: return emptyList()
            val nodes = modules.getElementsByTagName("module")
            return (0 until nodes.length).map { nodes.item(it).textContent.trim() }
        }

        private fun xml(path: Path): Element =
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path.toFile()).documentElement

        /** A direct child element, so a parent's or dependency's artifactId is not taken for the module's. */
        private fun childElement(element: Element, tag: String): Element? {
            val children = element.childNodes
            for (i in 0 until children.length) {
                val child = children.item(i)
                if (child is Element && child.tagName == tag) return child
            }
            return null
        }

        private fun childText(element: Element, tag: String): String? = childElement(element, tag)?.textContent?.trim()
    }
}
