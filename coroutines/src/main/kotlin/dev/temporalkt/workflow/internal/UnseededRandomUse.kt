package dev.temporalkt.workflow.internal

/**
 * Finds workflow code that uses `kotlinx.coroutines.selects.selectUnbiased`. It shuffles its clauses with
 * `java.util.Collections.shuffle`, whose random generator is shared by the JVM and cannot be seeded, so when several
 * clauses are ready at once a replay may pick another one than the original run did, and the run fails as
 * non-deterministic (or, worse, goes on differently). `select { }` picks the first ready clause in the order the clauses
 * are listed, which is deterministic on the workflow dispatcher.
 *
 * `selectUnbiased` is an inline function: every caller's class file names the class it creates, so the check reads the
 * class files of the workflow class and of the classes compiled from its bodies (suspend lambdas, inner and local
 * classes: `Outer$...`) for that name. Helper classes outside the workflow class are not read; the KDoc of
 * [dev.temporalkt.workflow.Workflow] says so.
 */
internal object UnseededRandomUse {
    private const val UNBIASED_SELECT = "kotlinx/coroutines/selects/UnbiasedSelectImplementation"

    /** The binary name of the first class compiled from [workflowClass] that uses `selectUnbiased`, or `null`. */
    fun selectUnbiasedIn(workflowClass: Class<*>): String? {
        val loader = workflowClass.classLoader ?: return null
        val root = workflowClass.name.replace('.', '/')
        val nested = Regex(Regex.escape(root) + "\\$[A-Za-z0-9_$]+")
        val seen = HashSet<String>()
        val pending = ArrayDeque(listOf(root))
        while (true) {
            val name = pending.removeFirstOrNull() ?: return null
            if (!seen.add(name)) continue
            val bytes = loader.getResourceAsStream("$name.class")?.use { it.readBytes() } ?: continue
            // class names in the constant pool are plain ASCII in (modified) UTF-8
            val text = String(bytes, Charsets.ISO_8859_1)
            if (UNBIASED_SELECT in text) return name.replace('/', '.')
            nested.findAll(text).forEach { pending.addLast(it.value) }
        }
    }
}
