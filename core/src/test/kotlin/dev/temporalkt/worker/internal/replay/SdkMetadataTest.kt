@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.sdk.v1.WorkflowTaskCompletedMetadata
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.internal.SdkIdentity
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import kotlin.time.Duration.Companion.seconds

private fun HistoryBuilder.completedWith(metadata: WorkflowTaskCompletedMetadata.Builder): Long =
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        workflowTaskCompletedEventAttributesBuilder.setStartedEventId(events.last().eventId)
            .setScheduledEventId(events.last().eventId - 1).setSdkMetadata(metadata)
    }

private val options = EngineOptions(sdkName = "temporal-kt", sdkVersion = "1.2.3")

private val idle: (dev.temporalkt.worker.activation.WorkflowActivation) -> List<WorkflowCommand> = { emptyList() }

class SdkMetadataTest : FunSpec({
    test("the SDK version comes from the build: the Maven project version, not a placeholder") {
        SdkIdentity.name shouldBe "temporal-kt"
        SdkIdentity.version shouldMatch Regex("""\d+\.\d+\.\d+(-[A-Za-z0-9.]+)?""")
        EngineOptions().sdkVersion shouldBe SdkIdentity.version
    }

    test("the first task records SDK name and version; later tasks of a cached run do not repeat them") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", options)
        val first = engine.run(h.task()) { listOf(WorkflowCommand.StartTimer(1, 5.seconds)) }.completion.sdkMetadata
        first.sdkName shouldBe "temporal-kt"
        first.sdkVersion shouldBe "1.2.3"

        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-kt").setSdkVersion("1.2.3"))
        h.timerStarted(1)
        h.signaled("go"); h.workflowTask()
        val second = engine.run(h.task(fromEventId = 4), idle).completion.sdkMetadata
        second shouldBe WorkflowTaskCompletedMetadata.getDefaultInstance()
    }

    test("a run replayed from history records name and version only where history last recorded others") {
        // task 1 by this SDK at this version, task 2 by another version: task 3 writes the version again, not the name
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-kt").setSdkVersion("1.2.3"))
        h.signaled("a"); h.workflowTask()
        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkVersion("1.3.0"))
        h.signaled("b"); h.workflowTask()
        val changedVersion = WorkflowRunEngine("default", "orders", options).run(h.task(), idle).completion.sdkMetadata
        changedVersion.sdkName shouldBe ""
        changedVersion.sdkVersion shouldBe "1.2.3"

        // the same version recorded before, and tasks since recording nothing: nothing to write
        val same = HistoryBuilder(); same.started(); same.workflowTask()
        same.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-kt").setSdkVersion("1.2.3"))
        same.signaled("a"); same.fullWorkflowTask()
        same.signaled("b"); same.workflowTask()
        WorkflowRunEngine("default", "orders", options).run(same.task(), idle).completion.sdkMetadata shouldBe
            WorkflowTaskCompletedMetadata.getDefaultInstance()

        // a history written before SDK metadata carried names: both are written
        val old = HistoryBuilder(); old.started(); old.fullWorkflowTask()
        old.signaled("a"); old.workflowTask()
        val fromOld = WorkflowRunEngine("default", "orders", options).run(old.task(), idle).completion.sdkMetadata
        fromOld.sdkName shouldBe "temporal-kt"
        fromOld.sdkVersion shouldBe "1.2.3"
    }

    test("a logic flag id this SDK does not know fails the replay naming the event and the ids") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-kt").setSdkVersion("9.0.0").addLangUsedFlags(41).addLangUsedFlags(40))
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", options)
        engine.applyWorkflowTask(h.task())
        val e = shouldThrow<UnknownLogicFlagException> { engine.nextActivation() }
        e.eventId shouldBe 4
        e.unknownIds shouldBe listOf(40, 41)
        e.message shouldBe "Workflow 'Order' (id o-1, run r-1): history event 4 records logic flags 40, 41, unknown to " +
            "temporal-kt 1.2.3; a newer version of the SDK processed this run. Run it on workers with that version or later; " +
            "this worker fails the workflow task rather than guess the behaviour the flag selects."
    }

    test("unknown flag ids also fail when history names no SDK (histories from before SDK names were recorded)") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask(flags = listOf(5))
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", options)
        engine.applyWorkflowTask(h.task())
        shouldThrow<UnknownLogicFlagException> { engine.nextActivation() }.unknownIds shouldBe listOf(5)
    }

    test("flags recorded by another SDK are its own numbering: neither checked nor made available") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-python").setSdkVersion("1.9.0").addLangUsedFlags(1).addCoreUsedFlags(3))
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", options.copy(knownLogicFlags = setOf(1)))
        val run = engine.run(h.task(), idle)
        run.activations.first().isReplaying shouldBe true
        run.activations.first().availableInternalFlags shouldBe emptySet()
        run.completion.sdkMetadata.sdkName shouldBe "temporal-kt"
        run.completion.sdkMetadata.sdkVersion shouldBe "1.2.3"
    }

    test("known flags recorded by this SDK are available from their task on, and a new one is recorded once") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        h.completedWith(WorkflowTaskCompletedMetadata.newBuilder().setSdkName("temporal-kt").setSdkVersion("1.2.3").addLangUsedFlags(1))
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", options.copy(knownLogicFlags = setOf(1, 2)))
        engine.applyWorkflowTask(h.task())
        val replayed = engine.nextActivation()!!
        replayed.availableInternalFlags shouldBe setOf(1)
        engine.applyCompletion(WorkflowActivationCompletion.Successful("r-1", emptyList(), setOf(1)))
        val live = engine.nextActivation()!!
        live.availableInternalFlags shouldBe setOf(1, 2)
        engine.applyCompletion(WorkflowActivationCompletion.Successful("r-1", emptyList(), setOf(1, 2)))
        engine.nextActivation() shouldBe null
        engine.taskCompletion().sdkMetadata shouldBe WorkflowTaskCompletedMetadata.newBuilder().addLangUsedFlags(2).build()
    }
})
