@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Instant
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val scheduledAt: Instant = Instant.parse("2026-01-01T00:00:00.5Z")

private fun la(
    seq: Int,
    type: String = "greet",
    attempt: Int = 1,
    cancellation: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL,
) = WorkflowCommand.ScheduleLocalActivity(
    seq = seq, activityId = seq.toString(), activityType = type, arguments = payloads("x"), attempt = attempt,
    originalScheduleTime = scheduledAt, startToClose = 5.seconds, cancellationType = cancellation,
)

private fun applicationFailure(message: String) = Failure.newBuilder().setMessage(message)
    .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Boom")).build()

private fun marker(
    seq: Int,
    type: String = "greet",
    result: String? = null,
    failure: Failure? = null,
    attempt: Int = 1,
    backoff: kotlin.time.Duration? = null,
) = LocalActivityMarker(
    seq = seq, attempt = attempt, activityId = seq.toString(), activityType = type,
    completeTime = Instant.parse("2026-01-01T00:00:03Z"), backoff = backoff, originalScheduleTime = scheduledAt,
    result = result?.let { text(it) }, failure = failure,
)

private fun HistoryBuilder.localActivityMarker(m: LocalActivityMarker): Long = add(EventType.EVENT_TYPE_MARKER_RECORDED) {
    val attrs = LocalActivityMarkers.command(m)
    markerRecordedEventAttributesBuilder.setMarkerName(attrs.markerName).putAllDetails(attrs.detailsMap)
    if (attrs.hasFailure()) markerRecordedEventAttributesBuilder.setFailure(attrs.failure)
}

private fun replayTask(h: HistoryBuilder): PollWorkflowTaskQueueResponse = h.task().toBuilder().setStartedEventId(Long.MAX_VALUE).build()

/** Runs [la] 1 on init; completes with the result, "failed"/"cancelled", or waits on a timer for a backoff. */
private fun laWorkflow(cancellation: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.flatMap { job ->
        when (job) {
            is ActivationJob.InitializeWorkflow -> listOf(la(1, cancellation = cancellation))
            is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.RequestCancelLocalActivity(1))
            is ActivationJob.ResolveActivity -> when (val r = job.result) {
                is ActivityResolution.Completed -> listOf(WorkflowCommand.CompleteWorkflowExecution(r.result))
                is ActivityResolution.Failed -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("failed")))
                is ActivityResolution.Cancelled -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("cancelled")))
                is ActivityResolution.Backoff -> listOf(WorkflowCommand.StartTimer(1, r.backoff))
            }
            else -> emptyList()
        }
    }
}

/** Drives one task, resolving requested local activities with [outcomes] (by seq) whenever the engine asks. */
private fun WorkflowRunEngine.runWithLocalActivities(
    task: PollWorkflowTaskQueueResponse,
    workflow: (WorkflowActivation) -> List<WorkflowCommand>,
    outcomes: Map<Int, LocalActivityCompletion> = emptyMap(),
    executed: MutableList<LocalActivityRequest> = ArrayList(),
): TaskRun {
    applyWorkflowTask(task)
    val seen = ArrayList<WorkflowActivation>()
    while (true) {
        while (true) {
            val a = nextActivation() ?: break
            seen.add(a)
            check(seen.size < 50) { "activation loop" }
            applyCompletion(WorkflowActivationCompletion.Successful(a.runId, workflow(a)))
        }
        val requests = takeLocalActivityRequests()
        if (requests.isEmpty()) break
        executed += requests
        requests.forEach { r -> outcomes[r.seq]?.let { resolveLocalActivity(r.seq, it) } }
    }
    return TaskRun(seen, taskCompletion())
}

class LocalActivityReplayTest : FunSpec({
    test("new work: the local activity is requested, its result becomes a marker and a resolution in the same task") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val executed = ArrayList<LocalActivityRequest>()
        val run = engine.runWithLocalActivities(
            h.task(), laWorkflow(), mapOf(1 to LocalActivityCompletion(attempt = 1, result = text("hi"), runtime = 2.seconds)), executed,
        )
        executed.map { Triple(it.seq, it.activityType, it.attempt) } shouldBe listOf(Triple(1, "greet", 1))
        executed.single().let {
            it.workflowId shouldBe "o-1"; it.runId shouldBe "r-1"; it.workflowType shouldBe "Order"
            it.originalScheduleTime shouldBe scheduledAt; it.localRetryThreshold shouldBe 1.minutes; it.startToClose shouldBe 5.seconds
        }
        run.activations.map { it.jobs.last() }.drop(1) shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("hi")), isLocal = true))
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
        val attrs = run.completion.commands[0].recordMarkerCommandAttributes
        attrs.markerName shouldBe "core_local_activity"
        attrs.detailsMap.keys shouldBe setOf("data", "result")
        val data = attrs.detailsMap.getValue("data").getPayloads(0)
        data.metadataMap.getValue("encoding").toStringUtf8() shouldBe "json/plain"
        // the task started at event 3 (2026-01-01T00:00:03Z); the activity ran 2 s
        data.data.toStringUtf8() shouldBe
            """{"seq":1,"attempt":1,"activity_id":"1","activity_type":"greet","complete_time":{"seconds":1767225605,"nanos":0},""" +
            """"backoff":null,"original_schedule_time":{"seconds":1767225600,"nanos":500000000}}"""
        attrs.detailsMap.getValue("result").payloadsList shouldBe listOf(text("hi"))
        attrs.hasFailure() shouldBe false
        engine.hasOutstandingLocalActivities shouldBe false
    }

    test("workflow time moves on to the local activity's completion time when it resolves, the same on replay from the marker") {
        // init schedules seq 1; its resolution schedules seq 2; the second resolution starts a timer
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap { job ->
                when {
                    job is ActivationJob.InitializeWorkflow -> listOf(la(1))
                    job is ActivationJob.ResolveActivity && job.seq == 1 -> listOf(la(2))
                    job is ActivationJob.ResolveActivity && job.seq == 2 -> listOf(WorkflowCommand.StartTimer(1, 1.minutes))
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val taskTime = h.timeOf(3)
        val live = WorkflowRunEngine("default", "orders").runWithLocalActivities(
            h.task(), wf,
            mapOf(
                1 to LocalActivityCompletion(attempt = 1, result = text("a"), runtime = 1500.milliseconds),
                2 to LocalActivityCompletion(attempt = 1, result = text("b"), runtime = 250.milliseconds),
            ),
        )
        live.activations.map { it.timestamp } shouldBe listOf(taskTime, taskTime.plusMillis(1500), taskTime.plusMillis(1750))
        val markers = live.completion.commands.filter { it.commandType == CommandType.COMMAND_TYPE_RECORD_MARKER }
        val recorded = markers.map { m ->
            LocalActivityMarkers.decode(
                dev.temporalkt.api.history.v1.HistoryEvent.newBuilder().setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
                    .setMarkerRecordedEventAttributes(
                        dev.temporalkt.api.history.v1.MarkerRecordedEventAttributes.newBuilder()
                            .setMarkerName(m.recordMarkerCommandAttributes.markerName).putAllDetails(m.recordMarkerCommandAttributes.detailsMap),
                    ).build(),
            )!!
        }
        recorded.map { it.completeTime } shouldBe listOf(taskTime.plusMillis(1500), taskTime.plusMillis(1750))

        // the server records the markers and the timer; replaying gives the same times without running anything
        h.completed()
        recorded.forEach { h.localActivityMarker(it) }
        val timerStarted = h.timerStarted(1); h.timerFired(1, timerStarted); h.workflowTask()
        val executed = ArrayList<LocalActivityRequest>()
        val replay = WorkflowRunEngine("default", "orders").runWithLocalActivities(h.task(), wf, executed = executed)
        executed.shouldBeEmpty()
        replay.activations.take(3).map { it.timestamp } shouldBe live.activations.map { it.timestamp }
        replay.activations.take(3).all { it.isReplaying } shouldBe true
        // the next task started at event 10, after the local activities: its time is its own
        replay.activations[3].timestamp shouldBe h.timeOf(10)
        replay.activations[3].isReplaying shouldBe false
    }

    test("workflow time never goes back: a completion time after the next task's start keeps that task at the later time") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val late = marker(1, result = "hi").copy(completeTime = h.timeOf(3).plusSeconds(60))
        h.localActivityMarker(late); h.signaled("go"); h.workflowTask()
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a -> if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(la(1)) else emptyList() }
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(h.task(), wf)
        run.activations.map { it.timestamp } shouldBe listOf(h.timeOf(3), h.timeOf(3).plusSeconds(60), h.timeOf(3).plusSeconds(60))
        run.activations.map { it.isReplaying } shouldBe listOf(true, true, false)
    }

    test("a task without the outcome yet keeps the local activity outstanding and sends no marker") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.runWithLocalActivities(h.task(), laWorkflow())
        run.completion.commands.shouldBeEmpty()
        engine.hasOutstandingLocalActivities shouldBe true
        engine.takeLocalActivityRequests().shouldBeEmpty() // handed out once
    }

    test("replay resolves from the marker without running the local activity, in the activation after the schedule") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.localActivityMarker(marker(1, result = "hi")); h.workflowCompleted(text("hi"))
        val engine = WorkflowRunEngine("default", "orders")
        val executed = ArrayList<LocalActivityRequest>()
        val run = engine.runWithLocalActivities(replayTask(h), laWorkflow(), executed = executed)
        executed.shouldBeEmpty()
        run.activations.size shouldBe 2
        run.activations[0].jobs.single()::class shouldBe ActivationJob.InitializeWorkflow::class
        run.activations[1].jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("hi")), isLocal = true))
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
    }

    test("markers of parallel local activities after another command of the task replay in their recorded order") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap { job ->
                when (job) {
                    is ActivationJob.InitializeWorkflow -> listOf(la(1), la(2, type = "farewell"), WorkflowCommand.StartTimer(1, 10.seconds))
                    is ActivationJob.FireTimer -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")))
                    else -> emptyList()
                }
            }
        }
        // new work first: the timer is issued before the markers
        val live = HistoryBuilder(); live.started(); live.workflowTask()
        val liveRun = WorkflowRunEngine("default", "orders").runWithLocalActivities(
            live.task(), wf,
            mapOf(2 to LocalActivityCompletion(1, text("bye")), 1 to LocalActivityCompletion(1, text("hi"))),
        )
        liveRun.completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_START_TIMER, CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_RECORD_MARKER,
        )
        // history as the server records it
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val timer = h.timerStarted(1)
        h.localActivityMarker(marker(1, result = "hi")); h.localActivityMarker(marker(2, type = "farewell", result = "bye"))
        h.timerFired(1, timer); h.fullWorkflowTask(); h.workflowCompleted(text("done"))
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), wf)
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("hi")), isLocal = true),
            ActivationJob.ResolveActivity(2, ActivityResolution.Completed(text("bye")), isLocal = true),
        )
        run.activations[2].jobs shouldBe listOf(ActivationJob.FireTimer(1))
    }

    test("a marker recorded in a later task (after a workflow task heartbeat) resolves in that task on replay") {
        val h = HistoryBuilder(); h.started(); h.workflowTask(); h.heartbeatCompleted(); h.fullWorkflowTask()
        h.localActivityMarker(marker(1, result = "hi")); h.workflowCompleted(text("hi"))
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), laWorkflow())
        run.activations.size shouldBe 2
        run.activations[1].historyLength shouldBe 6 // the second task's WorkflowTaskStarted
        run.activations[1].jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("hi")), isLocal = true))
    }

    test("a replayed local activity without marker runs once replay reaches new work") {
        // the worker that scheduled it heartbeated the task while it ran, then stopped before its outcome
        val h = HistoryBuilder(); h.started(); h.workflowTask(); h.heartbeatCompleted(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val executed = ArrayList<LocalActivityRequest>()
        val run = engine.runWithLocalActivities(h.task(), laWorkflow(), mapOf(1 to LocalActivityCompletion(1, text("late"))), executed)
        executed.map { it.seq } shouldBe listOf(1)
        run.activations.last().jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("late")), isLocal = true))
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
    }

    test("a local activity the replayed code schedules where history's task recorded no marker and was no heartbeat is non-determinism") {
        // the code that wrote this history started a timer and had no local activity: its first task completed at once
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask(); val timer = h.timerStarted(1); h.timerFired(1, timer); h.workflowTask()
        val laAndTimer: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(la(1), WorkflowCommand.StartTimer(1, 1.minutes)) else emptyList()
        }
        val e = shouldThrow<NonDeterminismException> {
            WorkflowRunEngine("default", "orders").runWithLocalActivities(h.task(), laAndTimer)
        }
        e.eventId shouldBe 4L
        e.message shouldContain "ScheduleLocalActivity"
        e.message shouldContain "recorded no marker for it and completed after 1000 ms"
    }

    test("an added local activity is non-determinism also when replay reaches new work right after the task it was added to") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask(); h.workflowTask()
        val executed = ArrayList<LocalActivityRequest>()
        shouldThrow<NonDeterminismException> {
            WorkflowRunEngine("default", "orders").runWithLocalActivities(h.task(), laWorkflow(), executed = executed)
        }.eventId shouldBe 4L
        executed.shouldBeEmpty()
        // the same history with the first task completed as a heartbeat: the local activity outlived it, and runs now
        val heartbeat = HistoryBuilder(); heartbeat.started(); heartbeat.workflowTask(); heartbeat.heartbeatCompleted(); heartbeat.workflowTask()
        WorkflowRunEngine("default", "orders").runWithLocalActivities(heartbeat.task(), laWorkflow(), executed = executed)
        executed.map { it.seq } shouldBe listOf(1)
    }

    test("a local activity still running when the run closes is abandoned: no marker, the completion is the task's last command") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val closing: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(la(1), WorkflowCommand.CompleteWorkflowExecution(text("done"))) else emptyList()
        }
        val executed = ArrayList<LocalActivityRequest>()
        val run = engine.runWithLocalActivities(h.task(), closing, mapOf(1 to LocalActivityCompletion(1, text("late"))), executed)
        executed.shouldBeEmpty()
        engine.hasOutstandingLocalActivities shouldBe false
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
        // the history this writes replays
        h.completed(); h.workflowCompleted(text("done"))
        WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), closing).completion.commands.shouldBeEmpty()
    }

    test("a failure marker resolves Failed with an activity failure wrapping the recorded failure") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.localActivityMarker(marker(1, failure = applicationFailure("boom"), attempt = 3)); h.workflowCompleted(text("failed"))
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), laWorkflow())
        val failure = ((run.activations[1].jobs.single() as ActivationJob.ResolveActivity).result as ActivityResolution.Failed).failure
        failure.message shouldBe "Local activity failed"
        failure.activityFailureInfo.activityType.name shouldBe "greet"
        failure.activityFailureInfo.activityId shouldBe "1"
        failure.activityFailureInfo.retryState shouldBe RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        failure.cause shouldBe applicationFailure("boom")
    }

    test("a live failure is recorded on the marker as reported and resolves like its replay") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(
            h.task(), laWorkflow(), mapOf(1 to LocalActivityCompletion(attempt = 2, failure = applicationFailure("boom"))),
        )
        val attrs = run.completion.commands[0].recordMarkerCommandAttributes
        attrs.failure shouldBe applicationFailure("boom")
        attrs.detailsMap.keys shouldBe setOf("data")
        val resolved = (run.activations.last().jobs.single() as ActivationJob.ResolveActivity).result as ActivityResolution.Failed
        resolved.failure.cause shouldBe applicationFailure("boom")
        resolved.failure.activityFailureInfo.retryState shouldBe RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
    }

    test("a backoff beyond the local retry threshold records the failure with the backoff and resolves Backoff with the next attempt") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").runWithLocalActivities(
            h.task(), laWorkflow(),
            mapOf(1 to LocalActivityCompletion(attempt = 3, failure = applicationFailure("boom"), backoff = 2.minutes, originalScheduleTime = scheduledAt)),
        )
        run.activations.last().jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Backoff(4, 2.minutes, scheduledAt), isLocal = true))
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_START_TIMER)
        val attrs = run.completion.commands[0].recordMarkerCommandAttributes
        attrs.detailsMap.getValue("data").getPayloads(0).data.toStringUtf8() shouldContain """"attempt":3,"""
        attrs.detailsMap.getValue("data").getPayloads(0).data.toStringUtf8() shouldContain """"backoff":{"seconds":120,"nanos":0}"""
        attrs.failure shouldBe applicationFailure("boom")

        // and its replay, continuing with attempt 4 after the timer
        val r = HistoryBuilder(); r.started(); r.fullWorkflowTask()
        r.localActivityMarker(marker(1, failure = applicationFailure("boom"), attempt = 3, backoff = 2.minutes))
        r.timerStarted(1)
        val replay = WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(r), laWorkflow())
        replay.activations[1].jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Backoff(4, 2.minutes, scheduledAt), isLocal = true))
    }

    test("TRY_CANCEL resolves cancelled at once, asks the worker to cancel the attempt, and records a cancel marker") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask(); h.signaled("cancel"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.runWithLocalActivities(HistoryBuilder().apply { started(); workflowTask() }.task(), laWorkflow())
        // second task: the signal cancels the running local activity
        val run = engine.runWithLocalActivities(h.task(fromEventId = 4), laWorkflow())
        engine.takeLocalActivityCancellations() shouldBe listOf(1)
        val resolved = (run.activations.last().jobs.single() as ActivationJob.ResolveActivity).result as ActivityResolution.Cancelled
        resolved.failure.activityFailureInfo.retryState shouldBe RetryState.RETRY_STATE_CANCEL_REQUESTED
        resolved.failure.cause.hasCanceledFailureInfo() shouldBe true
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
        run.completion.commands[0].recordMarkerCommandAttributes.failure.hasCanceledFailureInfo() shouldBe true
        engine.hasOutstandingLocalActivities shouldBe false
        // a late outcome of the cancelled attempt changes nothing
        engine.resolveLocalActivity(1, LocalActivityCompletion(1, text("late")))
        engine.nextActivation() shouldBe null
    }

    test("WAIT_CANCELLATION_COMPLETED waits for the attempt's outcome after asking the worker to cancel it") {
        val engine = WorkflowRunEngine("default", "orders")
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        engine.runWithLocalActivities(h.task(), laWorkflow(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED))
        h.completed(); h.signaled("cancel"); h.workflowTask()
        val run = engine.runWithLocalActivities(h.task(fromEventId = 4), laWorkflow(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED))
        engine.takeLocalActivityCancellations() shouldBe listOf(1)
        run.completion.commands.shouldBeEmpty()
        engine.hasOutstandingLocalActivities shouldBe true
        engine.resolveLocalActivity(1, LocalActivityCompletion(1, failure = LocalActivityFailures.cancelled()))
        val a = engine.nextActivation()!!
        (a.jobs.single() as ActivationJob.ResolveActivity).result::class shouldBe ActivityResolution.Cancelled::class
    }

    test("a marker for another activity type than the one scheduled is non-determinism") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.localActivityMarker(marker(1, type = "other", result = "hi")); h.workflowCompleted(text("hi"))
        val e = shouldThrow<NonDeterminismException> { WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), laWorkflow()) }
        e.message shouldContain "activity type 'other'"
        e.message shouldContain "ScheduleLocalActivity"
    }

    test("a marker when the workflow scheduled no local activity is non-determinism") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.localActivityMarker(marker(1, result = "hi")); h.workflowCompleted(text("hi"))
        val e = shouldThrow<NonDeterminismException> {
            WorkflowRunEngine("default", "orders").runWithLocalActivities(replayTask(h), workflow = { a ->
                if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(WorkflowCommand.CompleteWorkflowExecution(text("hi"))) else emptyList()
            })
        }
        e.message shouldContain "local activity marker for seq 1"
    }

    test("markers written by the Rust-core SDKs decode, with null fields and without result") {
        val h = HistoryBuilder(); h.started()
        h.add(EventType.EVENT_TYPE_MARKER_RECORDED) {
            markerRecordedEventAttributesBuilder.setMarkerName("core_local_activity")
                .putDetails("data", payloads().toBuilder().addPayloads(
                    text("").toBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8(
                        """{"seq":7,"attempt":2,"activity_id":"act","activity_type":"say_hello","complete_time":null,"backoff":null,"original_schedule_time":{"seconds":10,"nanos":5}}""",
                    )),
                ).build())
        }
        val m = LocalActivityMarkers.decode(h.events.last())!!
        m shouldBe LocalActivityMarker(7, 2, "act", "say_hello", null, null, Instant.ofEpochSecond(10, 5), null, null)
        LocalActivityFailures.resolution(m) shouldBe ActivityResolution.Completed(null)
    }
})
