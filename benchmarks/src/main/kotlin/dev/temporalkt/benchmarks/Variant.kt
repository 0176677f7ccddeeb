package dev.temporalkt.benchmarks

/** Which SDK a worker process runs; [KT_JAVA] is temporal-kt with its workflows, activities and worker written in Java. */
enum class Sdk(val arg: String) { KT("kt"), KT_JAVA("kt-java"), JAVA("java"), PYTHON("python") }

/**
 * One way of running a worker: the SDK, the runtime (a JDK, or the Python interpreter for [Sdk.PYTHON]) and the SDK
 * settings that matter for the workload.
 *
 * @property jdk the JDK of JVM workers; `null` for the Python worker.
 * @property raiseCache cache (and, for the Java SDK, workflow threads) raised to the workload's workflow count.
 * @property virtualThreads the Java SDK runs workflow code on virtual threads.
 * @property classCache the worker starts with an ahead-of-time class cache of its own ([ClassCaches]).
 */
data class Variant(val name: String, val sdk: Sdk, val jdk: Jdk?, val raiseCache: Boolean, val virtualThreads: Boolean = false, val classCache: Boolean = false) {
    fun cacheSize(workflows: Int): Int = if (raiseCache) workflows else 0

    /** This variant started with its own class cache, named `<name>+cache`; JVM variants only. */
    fun withClassCache(): Variant {
        require(sdk != Sdk.PYTHON) { "variant $name does not run on a JVM, so it has no class cache" }
        return if (classCache) this else copy(name = "$name+cache", classCache = true)
    }

    /** The JDK of a JVM variant. */
    fun requireJdk(): Jdk = jdk ?: throw IllegalStateException("variant $name does not run on a JVM")

    /** Why this variant cannot run on this machine, or `null` when it can. */
    val unavailableReason: String?
        get() = when {
            sdk == Sdk.PYTHON -> PythonWorker.unavailableReason
            jdk?.isAvailable == false -> "no JDK at ${jdk.home}"
            else -> null
        }

    companion object {
        val KT = Variant("kt", Sdk.KT, Jdk.CURRENT, raiseCache = true)
        val JAVA_DEFAULT = Variant("java-platform-default", Sdk.JAVA, Jdk.CURRENT, raiseCache = false)
        val JAVA_RAISED = Variant("java-platform-raised", Sdk.JAVA, Jdk.CURRENT, raiseCache = true)
        val KT_25 = Variant("kt-jdk25", Sdk.KT, Jdk.JDK25, raiseCache = true)
        val JAVA_VIRTUAL = Variant("java-virtual-jdk25", Sdk.JAVA, Jdk.JDK25, raiseCache = true, virtualThreads = true)
        val JAVA_25 = Variant("java-platform-jdk25", Sdk.JAVA, Jdk.JDK25, raiseCache = false)
        val PYTHON = Variant("python", Sdk.PYTHON, null, raiseCache = true)
        val KT_JAVA = Variant("kt-java", Sdk.KT_JAVA, Jdk.CURRENT, raiseCache = true)
        val KT_JAVA_25 = Variant("kt-java-jdk25", Sdk.KT_JAVA, Jdk.JDK25, raiseCache = true)
        val ALL = listOf(KT, JAVA_DEFAULT, JAVA_RAISED, KT_25, JAVA_VIRTUAL, JAVA_25, PYTHON, KT_JAVA, KT_JAVA_25)
    }
}
