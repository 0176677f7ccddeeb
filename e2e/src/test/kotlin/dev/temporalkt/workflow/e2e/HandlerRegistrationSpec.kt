package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.sdk.v1.WorkflowMetadata
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startUpdate
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.time.Duration.Companion.seconds

class StampActivities {
    @Activity
    suspend fun stamp(text: String): String = "stamped $text"
}

@Workflow(name = "E2eSwitchboard")
class SwitchboardWorkflow {
    private val log = mutableListOf<String>()
    private var phase = 0

    /**
     * Phase 0: a `note` handler set at run time. Phase 1: no `note` handler, so notes are kept. Phase 2: a new `note`
     * handler, which gets the kept notes, and a dynamic update handler. Phase 3: done once every handler finished.
     */
    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.setSignalHandler("note", description = "Adds a note") { args -> log += "note " + args.single().get<String>() }
        Workflow.waitCondition { phase >= 1 }
        Workflow.setSignalHandler("note", handler = null)
        Workflow.waitCondition { phase >= 2 }
        Workflow.setSignalHandler("note", description = "Adds a late note") { args -> log += "late note " + args.single().get<String>() }
        Workflow.setDynamicUpdateHandler(
            handler = { name, args -> log += "set $name=" + args.single().get<String>(); "set $name" },
            validator = { name, _ -> require(name.startsWith("set-")) { "unknown update '$name': only set-* updates are handled" } },
            description = "Sets anything",
        )
        Workflow.waitCondition { phase >= 3 && Workflow.allHandlersFinished() }
        return log
    }

    @Update(name = "advance", description = "Moves to the next phase")
    fun nextPhase(): Int = ++phase

    @Signal(name = "stamp", description = "Stamps a note with an activity")
    suspend fun stampNote(text: String) {
        log += Workflow.executeActivity(StampActivities::stamp, text, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }

    @Query(name = "journal", description = "The notes so far")
    fun notes(): List<String> = log.toList()
}

@Workflow(name = "E2eHasty")
class HastyWorkflow {
    private var finish = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { finish }
        return "done"
    }

    @Signal
    fun finish() {
        finish = true
    }

    @Update
    suspend fun linger(): String {
        Workflow.waitCondition { false }
        return "never"
    }

    @Update(unfinishedPolicy = HandlerUnfinishedPolicy.ABANDON)
    suspend fun lingerQuietly(): String {
        Workflow.waitCondition { false }
        return "never"
    }
}

/** Runs [block] and returns it with what was written to standard error meanwhile (where slf4j-simple logs). */
private suspend fun <T> withStderr(block: suspend () -> T): Pair<T, String> {
    val original = System.err
    val buffer = ByteArrayOutputStream()
    System.setErr(PrintStream(buffer, true, Charsets.UTF_8))
    val result = try {
        block()
    } finally {
        System.setErr(original)
    }
    return result to buffer.toString(Charsets.UTF_8)
}

/**
 * Handlers registered and removed while the run goes on, dynamic update handlers, names and descriptions in the
 * metadata query, suspending signal handlers and the warning about unfinished handlers, end to end on both servers,
 * each history replayed afterwards.
 */
class HandlerRegistrationSpec : FunSpec({
    val workflows = listOf(SwitchboardWorkflow::class, HastyWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: a signal without a handler is kept until one is set again; descriptions show in the metadata") {
            server.withWorker(workflows, activities = listOf(StampActivities())) {
                val handle = userActs {
                    val handle = client.startWorkflow<List<String>>("E2eSwitchboard", options = options("switchboard"))
                    handle.signal("note", "a")
                    handle.signal("stamp", "b")
                    val first = handle.query<WorkflowMetadata>("__temporal_workflow_metadata").definition
                    first.signalDefinitionsList.map { it.name to it.description } shouldBe
                        listOf("note" to "Adds a note", "stamp" to "Stamps a note with an activity")
                    first.queryDefinitionsList.map { it.name to it.description } shouldBe listOf("journal" to "The notes so far")
                    first.updateDefinitionsList.map { it.name to it.description } shouldBe listOf("advance" to "Moves to the next phase")

                    handle.executeUpdate<Int>("advance") shouldBe 1
                    handle.signal("note", "c")
                    handle.query<List<String>>("journal").filter { it.startsWith("note") } shouldBe listOf("note a")
                    handle.query<WorkflowMetadata>("__temporal_workflow_metadata").definition.signalDefinitionsList.map { it.name } shouldBe
                        listOf("stamp")

                    handle.executeUpdate<Int>("advance") shouldBe 2
                    handle.query<List<String>>("journal").filter { "note" in it } shouldBe listOf("note a", "late note c")
                    handle.executeUpdate<String>("set-colour", "green") shouldBe "set set-colour"
                    val rejected = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<String>("colour", "red") }
                    rejected.cause!!.message shouldContain "unknown update 'colour': only set-* updates are handled"
                    val later = handle.query<WorkflowMetadata>("__temporal_workflow_metadata").definition
                    later.signalDefinitionsList.map { it.name to it.description } shouldBe
                        listOf("note" to "Adds a late note", "stamp" to "Stamps a note with an activity")
                    later.updateDefinitionsList.map { it.name to it.description } shouldBe
                        listOf("" to "Sets anything", "advance" to "Moves to the next phase")

                    handle.executeUpdate<Int>("advance") shouldBe 3
                    handle
                }
                val result = handle.result()
                // the stamp lands whenever its activity completes; everything else in the order it was sent
                result.filter { it != "stamped b" } shouldBe listOf("note a", "late note c", "set set-colour=green")
                result.count { it == "stamped b" } shouldBe 1
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 4
                types.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 1
                replay(handle)
            }
        }

        test("${server.name}: a run that completes while an update handler still runs logs a warning naming it, once") {
            server.withWorker(workflows) {
                val (handle, output) = withStderr {
                    val (handle, lingering) = userActs {
                        val handle = client.startWorkflow<String>("E2eHasty", options = options("hasty"))
                        val lingering = handle.startUpdate<String>("linger", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "linger-1")
                        handle.startUpdate<String>("lingerQuietly", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "quiet-1")
                        handle.signal("finish")
                        handle to lingering
                    }
                    handle.result() shouldBe "done"
                    val failure = shouldThrow<WorkflowUpdateFailedException> { lingering.result() }
                    failure.updateName shouldBe "linger"
                    replay(handle)
                    handle
                }
                output shouldContain "Workflow E2eHasty (id '${handle.id}', run '${handle.describe().runId}') finished while " +
                    "handlers were still running: update 'linger' (id linger-1). Their work is abandoned"
                output.split("finished while handlers were still running").size shouldBe 2
                output shouldNotContain "lingerQuietly"
            }
        }
    }
})
