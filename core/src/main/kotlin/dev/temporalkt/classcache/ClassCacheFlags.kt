package dev.temporalkt.classcache

import java.nio.file.Path

/**
 * The JVM flags that record and then use an ahead-of-time class cache for one JDK release: an application
 * class-data-sharing archive on JDK 17 to 24 (`-XX:ArchiveClassesAtExit` / `-XX:SharedArchiveFile`), the AOT cache on
 * JDK 25 and later (`-XX:AOTCacheOutput` / `-XX:AOTCache`). [TrainClassCache] records with [record]; a worker starts
 * with [use] added to its JVM flags.
 *
 * ```kotlin
 * val flags = ClassCacheFlags.forJdk(Runtime.version().feature(), Path.of("worker.jsa"))
 * // java ${flags.use.joinToString(" ")} -cp app.jar com.example.WorkerMain
 * ```
 *
 * @property jdkFeature the JDK's feature release (`17`, `21`, `25`, …) that records and uses the cache; a cache is
 *   only valid for the exact JDK build that wrote it.
 * @property cacheFile the archive (JDK 17-24) or AOT cache (JDK 25+) file.
 */
public class ClassCacheFlags private constructor(public val jdkFeature: Int, public val cacheFile: Path) {
    /** `true` when [jdkFeature] uses the JDK 25 AOT cache, `false` for an application class-data-sharing archive. */
    public val isAotCache: Boolean get() = jdkFeature >= AOT_CACHE_SINCE

    /** Flags of the training run: the JVM writes [cacheFile] when it exits normally (also on `SIGTERM`). */
    public val record: List<String>
        get() = if (isAotCache) listOf("-XX:AOTCacheOutput=$cacheFile") else listOf("-XX:ArchiveClassesAtExit=$cacheFile")

    /**
     * Flags of later runs: the JVM maps the classes of [cacheFile] instead of loading them from the jars. When the cache
     * does not fit (another JDK build, a changed classpath) the JVM runs without it; see `docs/class-data-sharing.md`.
     */
    public val use: List<String>
        get() = if (isAotCache) listOf("-XX:AOTCache=$cacheFile") else listOf("-XX:SharedArchiveFile=$cacheFile")

    override fun toString(): String = "ClassCacheFlags(jdk $jdkFeature, record=$record, use=$use)"

    public companion object {
        /** The first JDK feature release whose AOT cache is recorded in one run (`-XX:AOTCacheOutput`). */
        public const val AOT_CACHE_SINCE: Int = 25

        /** The oldest JDK this SDK runs on. */
        public const val MIN_JDK: Int = 17

        /**
         * The flags for JDK feature release [jdkFeature] and [cacheFile].
         *
         * @throws IllegalArgumentException when [jdkFeature] is below 17.
         */
        @JvmStatic
        public fun forJdk(jdkFeature: Int, cacheFile: Path): ClassCacheFlags {
            require(jdkFeature >= MIN_JDK) { "class caches need JDK $MIN_JDK or later (temporal-kt's minimum); this JDK is $jdkFeature" }
            return ClassCacheFlags(jdkFeature, cacheFile.toAbsolutePath())
        }
    }
}
