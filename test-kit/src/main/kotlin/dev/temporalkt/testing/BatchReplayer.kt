package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.isRegularFile
import kotlin.io.path.nameWithoutExtension
import kotlin.io.path.readText
import kotlin.reflect.KClass
import kotlin.time.Duration

/**
 * Replays many workflow histories through the current workflow code, one result per history: the check to run in CI
 * before deploying a change to workflow code, over histories of recent runs exported with
 * `temporal workflow show --output json` (or downloaded from the Web UI), fetched with a client, or found by a
 * visibility query.
 *
 * ```kotlin
 * val replayer = BatchReplayer(listOf(OrderWorkflow::class, ShippingWorkflow::class))
 * val results = replayer.replay(BatchReplayer.historiesIn(Path.of("src/test/resources/histories")))
 * results.failures shouldBe emptyList()
 *
 * // or from the server: the runs of one task queue started this week
 * replayer.replay(BatchReplayer.historiesOf(client, "TaskQueue = 'orders' AND StartTime > '2025-01-06T00:00:00Z'"))
 *     .throwIfAnyFailed()
 * ```
 *
 * A history fails when the code no longer produces the commands it records (a
 * `dev.temporalkt.worker.internal.replay.NonDeterminismException` naming the event), when workflow code fails a
 * workflow task while replaying ([dev.temporalkt.worker.WorkflowReplayException]), or when it cannot be replayed at all
 * (its workflow type is not among [workflows], it does not start with the workflow's start event). With `failFast`,
 * replay stops at the first failure and the results end there.
 *
 * @param workflows the workflow classes the histories are of.
 * @param dataConverter the converter the workflows ran with.
 * @param deadlockTimeout as for [WorkflowReplayer]; `null` (the default here) turns deadlock detection off, which suits
 *   replaying many histories on a busy CI machine.
 * @param interceptors the worker interceptors that change what workflow code does, as for [WorkflowReplayer].
 */
public class BatchReplayer @JvmOverloads constructor(
    /** The workflow classes the histories are of. */
    public val workflows: List<KClass<*>>,
    dataConverter: DataConverter = DataConverter.default,
    deadlockTimeout: Duration? = null,
    interceptors: List<WorkerInterceptor> = emptyList(),
) {
    private val replayer = WorkflowReplayer(workflows, dataConverter, deadlockTimeout, interceptors)

    /** Replays [history] alone; [source] says where it came from, for messages. */
    @JvmOverloads
    public fun replayOne(history: WorkflowHistory, source: String = "workflow ${history.workflowId}"): ReplayResult {
        val runId = history.history.eventsList.firstOrNull()
            ?.takeIf { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED }
            ?.workflowExecutionStartedEventAttributes?.originalExecutionRunId?.ifEmpty { null }
        val failure = try {
            replayer.replay(history.history, history.workflowId)
            null
        } catch (e: Exception) {
            e
        }
        return ReplayResult(history.workflowId, runId, source, failure)
    }

    /** Replays every history of [histories], in order, stopping after the first failure when [failFast]. */
    @JvmOverloads
    public fun replay(histories: Iterable<WorkflowHistory>, failFast: Boolean = false): ReplayResults {
        val results = ArrayList<ReplayResult>()
        for (history in histories) {
            val result = replayOne(history)
            results += result
            if (failFast && !result.succeeded) break
        }
        return ReplayResults(results)
    }

    /** Replays the histories [histories] emits as they come, stopping (and cancelling the flow) after the first failure when [failFast]. */
    public suspend fun replay(histories: Flow<WorkflowHistory>, failFast: Boolean = false): ReplayResults {
        var failed = false
        val results = histories.takeWhile { !(failFast && failed) }
            .map { history -> replayOne(history).also { if (!it.succeeded) failed = true } }
            .toList()
        return ReplayResults(results)
    }

    /**
     * Replays the histories of the `.json` files in [directory] (see [historiesIn]), stopping after the first failure
     * when [failFast]. A file that is not a history fails its own result, with its source naming the file.
     */
    @JvmOverloads
    public fun replayDirectory(directory: Path, failFast: Boolean = false): ReplayResults {
        val results = ArrayList<ReplayResult>()
        for (file in jsonFiles(directory)) {
            val result = try {
                replayOne(historyFile(file), file.toString())
            } catch (e: IllegalArgumentException) {
                ReplayResult(file.nameWithoutExtension, null, file.toString(), e)
            }
            results += result
            if (failFast && !result.succeeded) break
        }
        return ReplayResults(results)
    }

    override fun toString(): String = "BatchReplayer(${workflows.mapNotNull { it.simpleName }})"

    /** Where histories come from. */
    public companion object {
        /**
         * The histories in the `.json` files of [directory] (not its subdirectories), sorted by file name, each
         * exported by `temporal workflow show --output json`, the Web UI or [WorkflowHistory.toJson]; a history's
         * workflow id is its file name without `.json`.
         *
         * @throws IllegalArgumentException naming the file, when a file is not a history.
         */
        @JvmStatic
        public fun historiesIn(directory: Path): List<WorkflowHistory> = jsonFiles(directory).map(::historyFile)

        private fun jsonFiles(directory: Path): List<Path> {
            require(Files.isDirectory(directory)) { "$directory is not a directory" }
            return Files.list(directory).use { stream ->
                stream.filter { it.isRegularFile() && it.extension == "json" }.sorted().toList()
            }
        }

        /** The history in [file], as [historiesIn] reads it. */
        @JvmStatic
        public fun historyFile(file: Path): WorkflowHistory = try {
            WorkflowHistory.fromJson(file.nameWithoutExtension, file.readText())
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("$file: ${e.message}", e)
        }

        /**
         * The histories of the runs [query] finds in [client]'s namespace (a visibility query such as
         * `WorkflowType = 'OrderWorkflow' AND StartTime > '2025-01-01T00:00:00Z'`; empty for every run), fetched one by
         * one as the flow is collected.
         */
        public fun historiesOf(client: Client, query: String): Flow<WorkflowHistory> =
            client.listWorkflows(query).map { client.getWorkflowHandle<Any?>(it.workflowId, it.runId).fetchHistory() }

        /** The histories of the runs [executions] names (workflow id to run id; a `null` run id means the latest run). */
        public fun historiesOf(client: Client, executions: List<Pair<String, String?>>): Flow<WorkflowHistory> = flow {
            for ((workflowId, runId) in executions) emit(client.getWorkflowHandle<Any?>(workflowId, runId).fetchHistory())
        }

        /** From Java: [historiesOf] collected into a list. */
        @JvmStatic
        public fun historiesOfQuery(client: Client, query: String): List<WorkflowHistory> =
            runBlocking { historiesOf(client, query).toList() }
    }
}

/**
 * The outcome of replaying one history with a [BatchReplayer]: which workflow and run, where the history came from,
 * and the failure when it did not replay cleanly.
 *
 * ```kotlin
 * results.failures.forEach { println("${it.source}: ${it.failure?.message}") }
 * ```
 */
public class ReplayResult(
    /** The workflow id (for a history read from a file, the file name without `.json`). */
    public val workflowId: String,
    /** The run id recorded in the history's start event, when there is one. */
    public val runId: String?,
    /** Where the history came from, e.g. its file or workflow id. */
    public val source: String,
    /** Why the history did not replay; `null` when it did. */
    public val failure: Throwable?,
) {
    /** Whether the history replayed cleanly. */
    public val succeeded: Boolean get() = failure == null

    override fun toString(): String =
        if (failure == null) "ReplayResult($source: ok)" else "ReplayResult($source: ${failure.message})"
}

/**
 * The results of a [BatchReplayer] run, one per history replayed, in order.
 *
 * ```kotlin
 * val results = replayer.replayDirectory(dir)
 * results.successes.size shouldBe 9
 * results.failures.single().workflowId shouldBe "order-17"
 * ```
 */
public class ReplayResults(
    /** One result per history replayed. */
    public val results: List<ReplayResult>,
) {
    /** The histories that did not replay. */
    public val failures: List<ReplayResult> get() = results.filter { !it.succeeded }

    /** The histories that replayed cleanly. */
    public val successes: List<ReplayResult> get() = results.filter { it.succeeded }

    /** Whether every history replayed cleanly. */
    public val allSucceeded: Boolean get() = results.all { it.succeeded }

    /**
     * Throws an [AssertionError] listing every failure, with the first one's exception as its cause (the others
     * suppressed), unless all histories replayed cleanly.
     */
    public fun throwIfAnyFailed() {
        val failed = failures
        if (failed.isEmpty()) return
        val error = AssertionError(
            "${failed.size} of ${results.size} histories did not replay:\n" +
                failed.joinToString("\n") { " - ${it.source}: ${it.failure?.message}" },
            failed.first().failure,
        )
        failed.drop(1).forEach { it.failure?.let(error::addSuppressed) }
        throw error
    }

    override fun toString(): String = "ReplayResults(${successes.size} succeeded, ${failures.size} failed)"
}
