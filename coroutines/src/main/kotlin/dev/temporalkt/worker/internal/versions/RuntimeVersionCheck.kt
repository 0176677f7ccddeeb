package dev.temporalkt.worker.internal.versions

import kotlinx.coroutines.Job
import org.slf4j.LoggerFactory
import java.util.Properties
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Compares the Kotlin standard library and kotlinx-coroutines on the classpath with the versions temporal-kt was built
 * with, and warns once per JVM, when the first worker starts, about each that is older.
 *
 * An older version usually comes from another dependency by Maven's nearest-wins rule (kotest-assertions-core, for
 * one, brings an older kotlinx-coroutines); code compiled against the newer one then fails at run time with
 * `NoSuchMethodError` (in a worker: every activity task fails, and the workflow waits for ever). The warning names both
 * versions and the fix: manage the versions with the temporal-kt BOM.
 *
 * The build-time versions come from `build-versions.properties` next to this class (filled in by Maven); the runtime
 * ones from [KotlinVersion.CURRENT] and the kotlinx-coroutines jar's manifest (or its `META-INF` version file).
 */
internal object RuntimeVersionCheck {
    const val STDLIB: String = "kotlin-stdlib"
    const val COROUTINES: String = "kotlinx-coroutines-core"

    private val done = AtomicBoolean()

    /** Logs [findings] as warnings, the first time it is called in this JVM. */
    fun warnOnce(warn: (String) -> Unit = LoggerFactory.getLogger("dev.temporalkt.worker.Worker")::warn) {
        if (!done.compareAndSet(false, true)) return
        try {
            findings().forEach(warn)
        } catch (e: RuntimeException) {
            // the check is advice: never stop a worker because it could not read a version
        }
    }

    /** One message per library whose runtime version in [runtime] is older than its version in [built]. */
    fun findings(built: Map<String, String> = buildVersions(), runtime: Map<String, String?> = runtimeVersions()): List<String> =
        listOf(STDLIB, COROUTINES).mapNotNull { library ->
            val expected = built[library] ?: return@mapNotNull null
            val actual = runtime[library] ?: return@mapNotNull null
            if (compare(actual, expected) >= 0) return@mapNotNull null
            "$library $actual is on the classpath, older than $expected, which temporal-kt was built with: workers can " +
                "fail with NoSuchMethodError (activity tasks failing on every attempt, workflows waiting for ever). " +
                "Another dependency brings $actual by Maven's nearest-wins rule (see `mvn dependency:tree " +
                "-Dincludes=org.jetbrains.kotlin,org.jetbrains.kotlinx`). Fix: import dev.temporalkt:temporal-kt-bom " +
                "(type pom, scope import) in <dependencyManagement>, or pin $library to $expected there."
        }

    /** The versions this build of temporal-kt was compiled against. */
    fun buildVersions(): Map<String, String> {
        val properties = Properties()
        RuntimeVersionCheck::class.java.getResourceAsStream("build-versions.properties")?.use(properties::load)
        return properties.stringPropertyNames().associateWith { properties.getProperty(it) }.filterValues { !it.startsWith("$") }
    }

    /** The versions on the classpath; `null` where one cannot be told. */
    fun runtimeVersions(): Map<String, String?> = mapOf(
        STDLIB to KotlinVersion.CURRENT.toString(),
        COROUTINES to (
            Job::class.java.`package`?.implementationVersion
                ?: Job::class.java.classLoader?.getResource("META-INF/kotlinx_coroutines_core.version")?.readText()?.trim()
            ),
    )

    /** Compares dotted versions numerically (`1.10.2` < `1.11.0`); a qualifier (`-RC`) after the numbers is ignored. */
    fun compare(a: String, b: String): Int {
        fun parts(v: String) = v.split('.', '-').map { it.takeWhile(Char::isDigit) }.takeWhile { it.isNotEmpty() }.map(String::toInt)
        val (x, y) = parts(a) to parts(b)
        for (i in 0 until maxOf(x.size, y.size)) {
            val c = (x.getOrElse(i) { 0 }).compareTo(y.getOrElse(i) { 0 })
            if (c != 0) return c
        }
        return 0
    }
}
