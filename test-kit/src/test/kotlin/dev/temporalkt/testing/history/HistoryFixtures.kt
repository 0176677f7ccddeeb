package dev.temporalkt.testing.history

import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.history.v1.History
import java.io.File

/**
 * Recorded workflow histories kept as JSON fixtures in core's test resources (`core/src/test/resources/histories`).
 *
 * Specs that run a scenario call [recordIfRequested] with the history the server wrote; with
 * `-Dtemporalkt.recordHistoriesTo=<dir>` it is written to `<dir>/<name>.json`, which is how the fixtures are
 * (re)made:
 *
 * ```
 * mvn -pl core,coroutines,test-kit test -Dtest='WorkerHistoriesSpec,RecordedHistoriesSpec,NexusSpec' -Dtemporalkt.recordHistoriesTo=$PWD/core/src/test/resources/histories
 * ```
 *
 * `WorkerHistoriesSpec` writes the `worker-*` fixtures (Kotlin workflows), `RecordedHistoriesSpec` those of the
 * scripted workflows core's `RecordedHistoriesTest` replays, `NexusSpec` the `nexus-*` ones. Fixtures recorded by
 * earlier versions are kept as they are: they prove that old histories still replay.
 */
object HistoryFixtures {
    /** System property naming the directory recorded histories are written to. */
    const val RECORD_PROPERTY: String = "temporalkt.recordHistoriesTo"

    /** The committed fixtures, seen from the test-kit module directory (where the tests run). */
    val committedDirectory: File = File("../core/src/test/resources/histories")

    /** Writes [history] as `<name>.json` when [RECORD_PROPERTY] is set; returns the file written, if any. */
    fun recordIfRequested(name: String, history: History): File? {
        val dir = System.getProperty(RECORD_PROPERTY)?.takeIf { it.isNotBlank() } ?: return null
        val file = File(dir, "$name.json")
        file.parentFile.mkdirs()
        file.writeText(JsonFormat.printer().print(history) + "\n")
        return file
    }

    /** Reads the committed fixture `<name>.json`. */
    fun load(name: String): History {
        val file = File(committedDirectory, "$name.json")
        check(file.isFile) { "History fixture ${file.absolutePath} does not exist; record it with -D$RECORD_PROPERTY=<dir>" }
        return History.newBuilder().also { JsonFormat.parser().merge(file.readText(), it) }.build()
    }

    /** Names (without `.json`) of the committed fixtures starting with [prefix], sorted. */
    fun names(prefix: String): List<String> =
        committedDirectory.listFiles { f -> f.name.startsWith(prefix) && f.name.endsWith(".json") }
            .orEmpty().map { it.name.removeSuffix(".json") }.sorted()
}
