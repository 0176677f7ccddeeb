package dev.temporalkt.worker.replay

import dev.temporalkt.activity.Activity
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

// Kotlin equivalents of the Python and TypeScript workflows in coroutines/src/test/foreign-histories, written as a
// Kotlin user would write the same logic, with the same workflow, activity, signal and update names. They replay the
// histories those SDKs recorded (ForeignSdkHistoriesSpec).

/** The activities of the recorded workflows, under the names the other SDKs registered them with. */
class ForeignActivities {
    @Activity(name = "foreign_echo")
    suspend fun echo(text: String): String = text

    @Activity(name = "foreign_length")
    suspend fun length(text: String): Int = text.length

    @Activity(name = "foreign_lookup")
    suspend fun lookup(name: String): String = "looked up $name"
}

private val activityOptions = ActivityOptions(startToCloseTimeout = 10.seconds)
private val localActivityOptions = LocalActivityOptions(startToCloseTimeout = 10.seconds)

// ---- Python (foreign-histories/python/foreign_workflows.py) -----------------------------------------------------

/** Signal and update handlers that wait (on timers, conditions and activities) while the run function waits. */
@Workflow(name = "ForeignPyHandlers")
class PyHandlersWorkflow {
    private val items = mutableListOf<String>()
    private var closed = false
    private var approver = ""

    @WorkflowRun
    suspend fun run(expected: Int): String {
        Workflow.waitCondition { items.size >= expected }
        val checked = Workflow.executeActivity(ForeignActivities::echo, "${items.size} items", options = activityOptions)
        Workflow.waitCondition { closed && Workflow.allHandlersFinished() }
        return "$checked; approved by $approver; items ${items.joinToString(",")}"
    }

    @Signal(name = "add")
    suspend fun add(item: String) {
        Workflow.sleep(1.seconds)
        items += item
    }

    @Update(name = "approve")
    suspend fun approve(approver: String): String {
        Workflow.waitCondition { items.isNotEmpty() }
        val echoed = Workflow.executeActivity(ForeignActivities::echo, "approved by $approver", options = activityOptions)
        this.approver = approver
        return echoed
    }

    @UpdateValidator("approve")
    fun validateApprove(approver: String) {
        require(approver.isNotBlank()) { "approver must not be blank" }
    }

    @Signal(name = "close")
    fun close() {
        closed = true
    }
}

/** Started with a signal, with another signal and an update waiting: the first activation holds them all. */
@Workflow(name = "ForeignPyEarlyMessages")
class PyEarlyMessagesWorkflow {
    private val items = mutableListOf<String>()
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        log += Workflow.executeActivity(ForeignActivities::echo, "main", options = activityOptions)
        Workflow.waitCondition { items.size >= 2 && Workflow.allHandlersFinished() }
        return log
    }

    @Signal(name = "add")
    suspend fun add(item: String) {
        Workflow.sleep(1.seconds)
        items += item
        log += "signal $item"
    }

    @Update(name = "reserve")
    suspend fun reserve(item: String): Int {
        val length = Workflow.executeActivity(ForeignActivities::length, item, options = activityOptions)
        log += "update $length"
        return length
    }
}

/** A signal and the run function's timer resolved in one workflow task; the handler waits on a condition. */
@Workflow(name = "ForeignPySameTask")
class PySameTaskWorkflow {
    private var ready = false
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        ready = true
        Workflow.sleep(1.seconds)
        log += Workflow.executeActivity(ForeignActivities::echo, "main", options = activityOptions)
        Workflow.waitCondition { log.size >= 2 && Workflow.allHandlersFinished() }
        return log
    }

    @Signal(name = "poke")
    suspend fun poke(label: String) {
        Workflow.waitCondition { ready }
        val length = Workflow.executeActivity(ForeignActivities::length, label, options = activityOptions)
        log += "handler $length"
    }
}

/** Timers, an activity, parallel activities, local activities and a condition that times out. */
@Workflow(name = "ForeignPyActivities")
class PyActivitiesWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.sleep(1.seconds)
        val greeting = Workflow.executeActivity(ForeignActivities::echo, "hello $name", options = activityOptions)
        val (left, middle, right) = coroutineScope {
            val left = async { Workflow.executeActivity(ForeignActivities::echo, "left", options = activityOptions) }
            val middle = async { Workflow.executeActivity(ForeignActivities::echo, "middle", options = activityOptions) }
            val right = async { Workflow.executeActivity(ForeignActivities::length, "right", options = activityOptions) }
            Triple(left.await(), middle.await(), right.await())
        }
        val lookedUp = Workflow.executeLocalActivity(ForeignActivities::lookup, name, options = localActivityOptions)
        val timedOut = !Workflow.waitCondition(500.milliseconds) { false }
        val lookedUpAgain = Workflow.executeLocalActivity(ForeignActivities::lookup, "$name again", options = localActivityOptions)
        // Python prints booleans capitalized
        return "$greeting|$left|$middle|$right|$lookedUp|${if (timedOut) "True" else "False"}|$lookedUpAgain"
    }
}

@Workflow(name = "ForeignPyChild")
class PyChildWorkflow {
    @WorkflowRun
    suspend fun run(label: String): String {
        delay(200.milliseconds)
        return Workflow.executeActivity(ForeignActivities::echo, "child $label", options = activityOptions)
    }
}

/** Two children in parallel, then one more, each with an id derived from the parent's. */
@Workflow(name = "ForeignPyParent")
class PyParentWorkflow {
    @WorkflowRun
    suspend fun run(count: Int): List<String> {
        val parentId = Workflow.info().workflowId
        val first = coroutineScope {
            (1..count).map { i ->
                async {
                    Workflow.executeChildWorkflow(
                        PyChildWorkflow::run, "c$i", options = ChildWorkflowOptions(workflowId = "$parentId-child-$i"),
                    )
                }
            }.awaitAll()
        }
        val last = Workflow.executeChildWorkflow(
            PyChildWorkflow::run, "last", options = ChildWorkflowOptions(workflowId = "$parentId-child-last"),
        )
        return first + last
    }
}

/** The patched code; it replays both the history recorded with the patch and the one recorded before it. */
@Workflow(name = "ForeignPyPatches")
class PyPatchesWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.deprecatePatch("py-retired")
        Workflow.sleep(200.milliseconds)
        val greeting = if (Workflow.patched("py-new-greeting")) {
            Workflow.executeActivity(ForeignActivities::echo, "new $name", options = activityOptions)
        } else {
            "old greeting of length ${Workflow.executeActivity(ForeignActivities::length, "old $name", options = activityOptions)}"
        }
        Workflow.sleep(200.milliseconds)
        return greeting
    }
}

/** [PyParentWorkflow] changed: its children get default (random) workflow ids instead of ids derived from the parent's. */
@Workflow(name = "ForeignPyParent")
class PyParentDefaultChildIdsWorkflow {
    @WorkflowRun
    suspend fun run(count: Int): List<String> {
        val first = coroutineScope {
            (1..count).map { i -> async { Workflow.executeChildWorkflow(PyChildWorkflow::run, "c$i") } }.awaitAll()
        }
        return first + Workflow.executeChildWorkflow(PyChildWorkflow::run, "last")
    }
}

// ---- TypeScript (foreign-histories/typescript/src/workflows.js) -------------------------------------------------

/**
 * Signal and update handlers that wait (on timers, conditions and activities) while the run function waits on a
 * condition with a timeout (its timer is cancelled when the condition holds).
 */
@Workflow(name = "ForeignTsHandlers")
class TsHandlersWorkflow {
    private val items = mutableListOf<String>()
    private var closed = false
    private var approver = ""

    @WorkflowRun
    suspend fun run(expected: Int): String {
        val inTime = Workflow.waitCondition(1.hours) { items.size >= expected }
        val checked = Workflow.executeActivity(ForeignActivities::echo, "${items.size} items in time: $inTime", options = activityOptions)
        Workflow.waitCondition { closed && Workflow.allHandlersFinished() }
        return "$checked; approved by $approver; items ${items.joinToString(",")}"
    }

    @Signal(name = "add")
    suspend fun add(item: String) {
        delay(1.seconds)
        items += item
    }

    @Signal(name = "close")
    fun close() {
        closed = true
    }

    @Update(name = "approve")
    suspend fun approve(who: String): String {
        Workflow.waitCondition { items.size >= 1 }
        val echoed = Workflow.executeActivity(ForeignActivities::echo, "approved by $who", options = activityOptions)
        approver = who
        return echoed
    }

    @UpdateValidator("approve")
    fun validateApprove(who: String) {
        require(who.isNotBlank()) { "approver must not be blank" }
    }
}

/** Started with a signal, with another signal and an update waiting: the first activation holds them all. */
@Workflow(name = "ForeignTsEarlyMessages")
class TsEarlyMessagesWorkflow {
    private val items = mutableListOf<String>()
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        log += Workflow.executeActivity(ForeignActivities::echo, "main", options = activityOptions)
        Workflow.waitCondition { items.size >= 2 && Workflow.allHandlersFinished() }
        return log
    }

    @Signal(name = "add")
    suspend fun add(item: String) {
        delay(1.seconds)
        items += item
        log += "signal $item"
    }

    @Update(name = "reserve")
    suspend fun reserve(item: String): Int {
        val length = Workflow.executeActivity(ForeignActivities::length, item, options = activityOptions)
        log += "update $length"
        return length
    }
}

/** A signal and the run function's timer resolved in one workflow task; the handler waits on a condition. */
@Workflow(name = "ForeignTsSameTask")
class TsSameTaskWorkflow {
    private var ready = false
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        ready = true
        delay(1.seconds)
        log += Workflow.executeActivity(ForeignActivities::echo, "main", options = activityOptions)
        Workflow.waitCondition { log.size >= 2 && Workflow.allHandlersFinished() }
        return log
    }

    @Signal(name = "poke")
    suspend fun poke(label: String) {
        Workflow.waitCondition { ready }
        val length = Workflow.executeActivity(ForeignActivities::length, label, options = activityOptions)
        log += "handler $length"
    }
}

/** A timer, a local activity, parallel activities, two children in parallel and one more, with explicit ids. */
@Workflow(name = "ForeignTsOrder")
class TsOrderWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        delay(1.seconds)
        val lookedUp = Workflow.executeLocalActivity(ForeignActivities::lookup, name, options = localActivityOptions)
        val (left, right) = coroutineScope {
            val left = async { Workflow.executeActivity(ForeignActivities::echo, "left $name", options = activityOptions) }
            val right = async { Workflow.executeActivity(ForeignActivities::length, "right $name", options = activityOptions) }
            left.await() to right.await()
        }
        val parentId = Workflow.info().workflowId
        val children = coroutineScope {
            listOf(1, 2).map { i ->
                async {
                    Workflow.executeChildWorkflow(
                        TsChildWorkflow::run, "c$i", options = ChildWorkflowOptions(workflowId = "$parentId-child-$i"),
                    )
                }
            }.awaitAll()
        }
        val last = Workflow.startChildWorkflow(
            TsChildWorkflow::run, "last", options = ChildWorkflowOptions(workflowId = "$parentId-child-last"),
        )
        val lastResult = last.result()
        return "$lookedUp|$left|$right|${children.joinToString(",")}|$lastResult"
    }
}

@Workflow(name = "ForeignTsChild")
class TsChildWorkflow {
    @WorkflowRun
    suspend fun run(label: String): String {
        Workflow.sleep(200.milliseconds)
        return Workflow.executeActivity(ForeignActivities::echo, "child $label", options = activityOptions)
    }
}

/** The patched code; it replays both the history recorded with the patch and the one recorded before it. */
@Workflow(name = "ForeignTsPatches")
class TsPatchesWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.deprecatePatch("ts-retired")
        delay(200.milliseconds)
        val greeting = if (Workflow.patched("ts-new-greeting")) {
            Workflow.executeActivity(ForeignActivities::echo, "new $name", options = activityOptions)
        } else {
            "old greeting of length ${Workflow.executeActivity(ForeignActivities::length, "old $name", options = activityOptions)}"
        }
        delay(200.milliseconds)
        return greeting
    }
}

/** [TsOrderWorkflow] changed: the left one of its parallel activities measures instead of echoing. */
@Workflow(name = "ForeignTsOrder")
class TsOrderChangedActivityWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        delay(1.seconds)
        val lookedUp = Workflow.executeLocalActivity(ForeignActivities::lookup, name, options = localActivityOptions)
        val (left, right) = coroutineScope {
            val left = async { Workflow.executeActivity(ForeignActivities::length, "left $name", options = activityOptions) }
            val right = async { Workflow.executeActivity(ForeignActivities::length, "right $name", options = activityOptions) }
            left.await() to right.await()
        }
        return "$lookedUp|$left|$right"
    }
}
