package dev.temporalkt.buildchecks

/**
 * A breach of the package rules of DESIGN.md §1: every package lives in exactly one module, and the packages inside
 * a module form no dependency cycle. [key] is the violation's line in the baseline file; [message] says what is
 * wrong and what to do.
 */
sealed class PackageViolation {
    abstract val key: String
    abstract val message: String

    /** Whether this violation is a smaller form of the baseline entry [key] (a cycle that lost packages). */
    abstract fun shrunkFrom(key: String): Boolean

    /** [classesByModule] holds, per module, the package's classes in that module (dotted names, sorted). */
    class SplitPackage(val packageName: String, val classesByModule: Map<String, List<String>>) : PackageViolation() {
        override val key: String = "split-package $packageName in ${classesByModule.keys.sorted().joinToString(", ")}"

        override val message: String
            get() = buildString {
                val modules = classesByModule.keys.sorted()
                append("Package $packageName is split across modules ${modules.joinToString(" and ")}:\n")
                for (module in modules) {
                    val classes = classesByModule.getValue(module)
                    append("  $module: ${classes.size} ${if (classes.size == 1) "class" else "classes"}: ")
                    append(classes.take(EXAMPLES).joinToString(", "))
                    if (classes.size > EXAMPLES) append(", and ${classes.size - EXAMPLES} more")
                    append('\n')
                }
                append(
                    "Every package must live in exactly one module (DESIGN.md §1). Move these classes into one of " +
                        "the modules, or give the classes of all but one module a package of their own.",
                )
            }

        override fun shrunkFrom(key: String): Boolean {
            val prefix = "split-package $packageName in "
            if (!key.startsWith(prefix) || key == this.key) return false
            return key.removePrefix(prefix).split(", ").toSet().containsAll(classesByModule.keys)
        }
    }

    /** A strongly connected component of a module's package graph with more than one package. */
    class PackageCycle(val module: String, val packages: List<String>, val edges: List<Edge>) : PackageViolation() {
        override val key: String = "package-cycle in $module: ${packages.joinToString(", ")}"

        override val message: String
            get() = buildString {
                append("Packages of module $module form a dependency cycle: ${packages.joinToString(", ")}.\n")
                append("The dependencies between them, each with one class dependency as an example:\n")
                for (edge in edges) {
                    append("  ${edge.from} -> ${edge.to}: ${edge.exampleFrom} -> ${edge.exampleTo}")
                    if (edge.count > 1) append(" (and ${edge.count - 1} more)")
                    append('\n')
                }
                append(
                    "Packages inside a module must form no cycle (DESIGN.md §1). Remove the dependencies of one " +
                        "direction: move the classes involved to the package they depend on or to a new package " +
                        "below both, or invert the dependency through an interface in the lower package.",
                )
            }

        override fun shrunkFrom(key: String): Boolean {
            val prefix = "package-cycle in $module: "
            if (!key.startsWith(prefix) || key == this.key) return false
            return key.removePrefix(prefix).split(", ").toSet().containsAll(packages)
        }
    }

    /**
     * Package [from] depends on package [to] through [count] class dependencies, of which
     * [exampleFrom] `->` [exampleTo] is the first in name order.
     */
    class Edge(val from: String, val to: String, val exampleFrom: String, val exampleTo: String, val count: Int)

    private companion object {
        const val EXAMPLES = 3
    }
}

object PackageStructure {
    /** Packages that have main classes in more than one module; [classesByModule] maps module to package to classes. */
    fun splitPackages(classesByModule: Map<String, Map<String, List<String>>>): List<PackageViolation.SplitPackage> {
        val modulesByPackage = sortedMapOf<String, MutableMap<String, List<String>>>()
        for ((module, packages) in classesByModule) {
            for ((packageName, classes) in packages) {
                modulesByPackage.getOrPut(packageName) { sortedMapOf() }[module] = classes.sorted()
            }
        }
        return modulesByPackage.filterValues { it.size > 1 }.map { (name, modules) -> PackageViolation.SplitPackage(name, modules) }
    }

    /**
     * The package cycles of one module: every strongly connected component of more than one package in the graph
     * whose nodes are the packages of [classes] and whose edges are class references between them.
     */
    fun cycles(module: String, classes: List<ClassFile>): List<PackageViolation.PackageCycle> {
        val packages = classes.map { it.packageName }.toSortedSet()
        // (from package, to package) -> class dependencies (dotted from, dotted to), sorted
        val dependencies = sortedMapOf<String, java.util.SortedMap<String, java.util.SortedSet<Pair<String, String>>>>()
        for (classFile in classes) {
            val from = classFile.packageName
            for (reference in classFile.referencedClasses) {
                val to = reference.substringBeforeLast('/', "").replace('/', '.')
                if (to == from || to !in packages) continue
                dependencies.getOrPut(from) { sortedMapOf() }
                    .getOrPut(to) { sortedSetOf(compareBy({ it.first }, { it.second })) }
                    .add(classFile.dottedName to reference.replace('/', '.'))
            }
        }
        val graph = packages.associateWith { dependencies[it]?.keys?.toList().orEmpty() }
        return stronglyConnectedComponents(graph)
            .filter { it.size > 1 }
            .map { component ->
                val members = component.sorted()
                val edges = members.flatMap { from ->
                    dependencies[from].orEmpty().filterKeys { it in component }.map { (to, examples) ->
                        val (exampleFrom, exampleTo) = examples.first()
                        PackageViolation.Edge(from, to, exampleFrom, exampleTo, examples.size)
                    }
                }
                PackageViolation.PackageCycle(module, members, edges)
            }
            .sortedBy { it.key }
    }

    /** Tarjan's algorithm; the graph is small (tens of packages), so recursion depth is no concern. */
    internal fun <T> stronglyConnectedComponents(graph: Map<T, List<T>>): List<Set<T>> {
        var counter = 0
        val index = HashMap<T, Int>()
        val lowLink = HashMap<T, Int>()
        val stack = ArrayDeque<T>()
        val onStack = HashSet<T>()
        val components = mutableListOf<Set<T>>()

        fun visit(node: T) {
            index[node] = counter
            lowLink[node] = counter
            counter++
            stack.addLast(node)
            onStack += node
            for (next in graph[node].orEmpty()) {
                if (next !in index) {
                    visit(next)
                    lowLink[node] = minOf(lowLink.getValue(node), lowLink.getValue(next))
                } else if (next in onStack) {
                    lowLink[node] = minOf(lowLink.getValue(node), index.getValue(next))
                }
            }
            if (lowLink[node] == index[node]) {
                val component = LinkedHashSet<T>()
                do {
                    val member = stack.removeLast()
                    onStack -= member
                    component += member
                } while (member != node)
                components += component
            }
        }

        for (node in graph.keys) if (node !in index) visit(node)
        return components
    }

    /**
     * Compares [violations] with the [baseline] keys and returns the failure message, or null when they match
     * exactly: a violation not in the baseline fails, and so does a baseline entry that no longer occurs (it must be
     * deleted, so the baseline only shrinks). [baselineFile] is the baseline's path as the message shows it.
     */
    fun compareWithBaseline(violations: List<PackageViolation>, baseline: List<String>, baselineFile: String): String? {
        val baselineKeys = baseline.toSet()
        val found = violations.map { it.key }.toSet()
        val problems = mutableListOf<String>()
        val stale = baseline.filter { it !in found }.toMutableList()
        for (violation in violations.filter { it.key !in baselineKeys }) {
            val shrunkFrom = stale.firstOrNull { violation.shrunkFrom(it) }
            problems += if (shrunkFrom != null) {
                stale -= shrunkFrom
                "${violation.message}\nThis violation got smaller than the one the baseline $baselineFile " +
                    "accepts: replace its line\n  $shrunkFrom\nwith\n  ${violation.key}"
            } else {
                "${violation.message}\nThis violation is new (the baseline $baselineFile only lists violations " +
                    "that are being removed): fix it."
            }
        }
        for (entry in stale) {
            problems += "The baseline $baselineFile accepts\n  $entry\nbut it no longer occurs. Delete that line " +
                "so it cannot come back unnoticed."
        }
        if (problems.isEmpty()) return null
        return "Package structure check failed with ${problems.size} ${if (problems.size == 1) "problem" else "problems"}:\n\n" +
            problems.mapIndexed { i, problem -> "${i + 1}) $problem" }.joinToString("\n\n")
    }

    /** The baseline's entries: its lines without blanks and `#` comments. */
    fun parseBaseline(text: String): List<String> =
        text.lines().map { it.trim() }.filter { it.isNotEmpty() && !it.startsWith("#") }
}
