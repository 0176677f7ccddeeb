package dev.temporalkt.reliability

import dev.temporalkt.api.history.v1.History
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkflowReplayException
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withTimeout
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executors
import kotlin.time.Duration.Companion.seconds

/**
 * Replays deterministically mutated histories (events dropped, moved, swapped, renumbered, retyped, duplicated,
 * attributes changed, histories truncated, JSON truncated or garbled) with [WorkflowReplayer]. Each replay must end
 * within a generous bound in success or in one of the documented exceptions with a message that says what is wrong;
 * any other exception, a blank message or a hang fails the spec, which lists every such mutation with the seed and
 * index that reproduce it.
 */
class ReplayerFuzzSpec : FunSpec({
    val sources = mutableMapOf<String, History>()

    beforeSpec {
        // record the histories to mutate: activities, a signal, a durable timer
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        val taskQueue = "replay-fuzz-${UUID.randomUUID()}"
        val log = ExecutionLog(Files.createTempFile("replay-fuzz", ".log"))
        try {
            Worker(client, taskQueue, workflows = listOf(StepsWorkflow::class), activities = listOf(StepActivities(log, 0))).start().use {
                for ((name, steps, gated, pauseMillis) in listOf(
                    Recording("gated-timer", 3, true, 50L),
                    Recording("plain", 2, false, 0L),
                    Recording("timer", 1, false, 20L),
                )) {
                    val id = "replay-fuzz-$name-${UUID.randomUUID()}"
                    val handle = client.startWorkflow<List<String>>(
                        "FaultSteps", id, steps, gated, pauseMillis,
                        options = WorkflowOptions(id = id, taskQueue = taskQueue),
                    )
                    if (gated) handle.signal("release")
                    handle.result() shouldBe StepsWorkflow.expectedResult(id, steps)
                    sources[name] = handle.fetchHistory().history
                }
            }
        } finally {
            client.connection.close()
        }
    }

    test("the recorded histories replay unchanged") {
        for ((_, history) in sources) WorkflowReplayer(listOf(StepsWorkflow::class)).replay(history)
    }

    test("an activity completion without its result fails the replay with the decoding problem in the message") {
        // found by the fuzzing below: the run function's result could not be encoded, and the message only said
        // "Exception in completion handler ... for \"workflow run\"" without the cause
        val source = sources.getValue("plain")
        val completed = source.eventsList.indexOfFirst { it.hasActivityTaskCompletedEventAttributes() }
        val mutated = source.toBuilder().apply {
            setEvents(completed, getEvents(completed).toBuilder().apply { activityTaskCompletedEventAttributesBuilder.clearResult() })
        }.build()
        val error = shouldThrow<WorkflowReplayException> { WorkflowReplayer(listOf(StepsWorkflow::class)).replay(mutated) }
        println("activity completion without result: ${error.message}")
        classify(error) shouldBe null
        error.message!! shouldContain "caused by"
    }

    test("${FaultSizes.fuzzMutations} mutated histories end in success or a documented, explained error, never hang") {
        val replayer = WorkflowReplayer(listOf(StepsWorkflow::class))
        val mutator = HistoryMutator(FaultSizes.fuzzSeed)
        val names = sources.keys.sorted()
        val threads = Executors.newCachedThreadPool { Thread(it, "replay-fuzz").apply { isDaemon = true } }
        val problems = mutableListOf<String>()
        val outcomes = sortedMapOf<String, Int>()
        var reported = 0
        try {
            for (index in 0 until FaultSizes.fuzzMutations) {
                val name = names[index % names.size]
                val mutation = mutator.mutate(name, sources.getValue(name))
                val replay = CompletableFuture.supplyAsync({
                    val history = mutation.history ?: WorkflowHistory.fromJson("fuzz", mutation.json!!).history
                    replayer.replay(history)
                }, threads)
                val outcome = try {
                    withTimeout(30.seconds) { replay.await() }
                    "success"
                } catch (e: TimeoutCancellationException) {
                    replay.cancel(true)
                    problems += "#$index ${mutation.description}: replay did not end within 30 s"
                    "hang"
                } catch (e: Throwable) {
                    if (System.getProperty("reliability.fuzz.verbose") == "true") println("#$index ${mutation.description} -> ${e::class.simpleName}: ${e.message}")
                    classify(e)?.also { problem -> problems += "#$index ${mutation.description}: $problem" } ?: e::class.simpleName!!
                }
                if (outcome == "hang" || problems.size > reported) {
                    // the recorded sources differ between runs (ids, timing), so keep the input that failed
                    val file = Files.createDirectories(Path.of("target", "replay-fuzz")).resolve("mutation-$index.json")
                    Files.writeString(file, mutation.json ?: WorkflowHistory("fuzz", mutation.history!!).toJson())
                    problems[problems.size - 1] += "\n    input: ${file.toAbsolutePath()}"
                    reported = problems.size
                }
                outcomes.merge(outcome, 1, Int::plus)
            }
        } finally {
            threads.shutdownNow()
        }
        println("replayer fuzz (seed ${FaultSizes.fuzzSeed}, ${FaultSizes.fuzzMutations} mutations): $outcomes")
        withClue("mutations (seed ${FaultSizes.fuzzSeed}) with an undocumented or unexplained outcome") {
            problems.shouldBeEmpty()
        }
    }
}) {
    private data class Recording(val name: String, val steps: Int, val gated: Boolean, val pauseMillis: Long)

    companion object {
        /** What a replay error's message talks about: the event, the history, the JSON or a payload. */
        private val EXPLAINS = Regex("event|history|json|payload|workflow type", RegexOption.IGNORE_CASE)

        /** `null` when [e] is a documented replay error with a message that explains it, else what is wrong with it. */
        @OptIn(InternalTemporalApi::class)
        fun classify(e: Throwable): String? {
            val message = e.message.orEmpty()
            return when {
                e !is NonDeterminismException && e !is WorkflowReplayException && e !is IllegalArgumentException ->
                    "undocumented ${e::class.qualifiedName}: $message\n${e.stackTrace.take(8).joinToString("\n") { "    at $it" }}"
                message.isBlank() -> "${e::class.qualifiedName} without a message"
                !EXPLAINS.containsMatchIn(message) -> "${e::class.qualifiedName} whose message names no event, history, JSON or payload problem: $message"
                else -> null
            }
        }
    }
}
