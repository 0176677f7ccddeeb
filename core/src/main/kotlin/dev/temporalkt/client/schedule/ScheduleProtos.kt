package dev.temporalkt.client.schedule

import com.google.protobuf.Timestamp
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.TaskQueueKind
import dev.temporalkt.api.schedule.v1.IntervalSpec
import dev.temporalkt.api.schedule.v1.Range
import dev.temporalkt.api.schedule.v1.SchedulePolicies
import dev.temporalkt.api.schedule.v1.StructuredCalendarSpec
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflow.v1.NewWorkflowExecutionInfo
import dev.temporalkt.client.WorkflowIdReusePolicy
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.internal.PayloadEncoding
import dev.temporalkt.client.toInstant
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.common.internal.toKotlinDuration
import dev.temporalkt.common.internal.toProtoDuration
import dev.temporalkt.converter.DataConverter
import java.time.Instant
import kotlin.reflect.typeOf
import dev.temporalkt.api.schedule.v1.Schedule as ScheduleProto
import dev.temporalkt.api.schedule.v1.ScheduleAction as ScheduleActionProto
import dev.temporalkt.api.schedule.v1.ScheduleInfo as ScheduleInfoProto
import dev.temporalkt.api.schedule.v1.ScheduleSpec as ScheduleSpecProto
import dev.temporalkt.api.schedule.v1.ScheduleState as ScheduleStateProto
import dev.temporalkt.client.schedule.ScheduleOverlapPolicy as Overlap

/** Conversions between schedules and their protos; payloads go through the client's data converter. */
internal object ScheduleProtos {
    suspend fun toProto(schedule: Schedule, converter: DataConverter): ScheduleProto = ScheduleProto.newBuilder()
        .setSpec(spec(schedule.spec))
        .setAction(action(schedule.action, converter))
        .setPolicies(
            SchedulePolicies.newBuilder()
                .setOverlapPolicy(schedule.policy.overlap.proto)
                .setCatchupWindow(schedule.policy.catchupWindow.toProtoDuration())
                .setPauseOnFailure(schedule.policy.pauseOnFailure),
        )
        .setState(
            ScheduleStateProto.newBuilder()
                .setNotes(schedule.state.note)
                .setPaused(schedule.state.paused)
                .setLimitedActions(schedule.state.limitedActions)
                .setRemainingActions(schedule.state.remainingActions),
        )
        .build()

    suspend fun fromProto(proto: ScheduleProto, converter: DataConverter): Schedule = Schedule(
        action = action(proto.action, converter),
        spec = spec(proto.spec),
        policy = SchedulePolicy(
            overlap = Overlap.fromProto(proto.policies.overlapPolicy).let { if (it == Overlap.UNSPECIFIED) Overlap.SKIP else it },
            catchupWindow = proto.policies.catchupWindow.toKotlinDuration().takeIf { it.isPositive() } ?: SchedulePolicy().catchupWindow,
            pauseOnFailure = proto.policies.pauseOnFailure,
        ),
        state = ScheduleState(
            note = proto.state.notes,
            paused = proto.state.paused,
            limitedActions = proto.state.limitedActions,
            remainingActions = proto.state.remainingActions,
        ),
    )

    fun info(proto: ScheduleInfoProto): ScheduleInfo = ScheduleInfo(
        numActions = proto.actionCount,
        numActionsMissedCatchupWindow = proto.missedCatchupWindow,
        numActionsSkippedOverlap = proto.overlapSkipped,
        runningWorkflows = proto.runningWorkflowsList.map { it.workflowId to it.runId },
        recentActions = proto.recentActionsList.map {
            ScheduleActionExecution(
                it.scheduleTime.toInstant(), it.actualTime.toInstant(),
                it.startWorkflowResult.workflowId, it.startWorkflowResult.runId,
            )
        },
        nextActionTimes = proto.futureActionTimesList.map { it.toInstant() },
        createdAt = if (proto.hasCreateTime()) proto.createTime.toInstant() else null,
        lastUpdatedAt = if (proto.hasUpdateTime()) proto.updateTime.toInstant() else null,
    )

    fun timestamp(instant: Instant): Timestamp = Timestamp.newBuilder().setSeconds(instant.epochSecond).setNanos(instant.nano).build()

    private fun spec(spec: ScheduleSpec): ScheduleSpecProto {
        val builder = ScheduleSpecProto.newBuilder()
            .addAllStructuredCalendar(spec.calendars.map(::calendar))
            .addAllExcludeStructuredCalendar(spec.skip.map(::calendar))
            .addAllCronString(spec.cronExpressions)
            .addAllInterval(
                spec.intervals.map { IntervalSpec.newBuilder().setInterval(it.every.toProtoDuration()).setPhase(it.offset.toProtoDuration()).build() },
            )
        spec.startAt?.let { builder.setStartTime(timestamp(it)) }
        spec.endAt?.let { builder.setEndTime(timestamp(it)) }
        spec.jitter?.let { builder.setJitter(it.toProtoDuration()) }
        spec.timeZoneName?.let { builder.setTimezoneName(it) }
        return builder.build()
    }

    private fun spec(proto: ScheduleSpecProto): ScheduleSpec = ScheduleSpec(
        calendars = proto.structuredCalendarList.map(::calendar),
        intervals = proto.intervalList.map { ScheduleIntervalSpec(it.interval.toKotlinDuration(), it.phase.toKotlinDuration()) },
        cronExpressions = proto.cronStringList.toList(),
        skip = proto.excludeStructuredCalendarList.map(::calendar),
        startAt = if (proto.hasStartTime()) proto.startTime.toInstant() else null,
        endAt = if (proto.hasEndTime()) proto.endTime.toInstant() else null,
        jitter = if (proto.hasJitter()) proto.jitter.toKotlinDuration() else null,
        timeZoneName = proto.timezoneName.ifEmpty { null },
    )

    private fun calendar(spec: ScheduleCalendarSpec): StructuredCalendarSpec = StructuredCalendarSpec.newBuilder()
        .addAllSecond(spec.second.map(::range))
        .addAllMinute(spec.minute.map(::range))
        .addAllHour(spec.hour.map(::range))
        .addAllDayOfMonth(spec.dayOfMonth.map(::range))
        .addAllMonth(spec.month.map(::range))
        .addAllYear(spec.year.map(::range))
        .addAllDayOfWeek(spec.dayOfWeek.map(::range))
        .setComment(spec.comment)
        .build()

    private fun calendar(proto: StructuredCalendarSpec): ScheduleCalendarSpec = ScheduleCalendarSpec(
        second = proto.secondList.map(::range),
        minute = proto.minuteList.map(::range),
        hour = proto.hourList.map(::range),
        dayOfMonth = proto.dayOfMonthList.map(::range),
        month = proto.monthList.map(::range),
        year = proto.yearList.map(::range),
        dayOfWeek = proto.dayOfWeekList.map(::range),
        comment = proto.comment,
    )

    private fun range(range: ScheduleRange): Range =
        Range.newBuilder().setStart(range.start).setEnd(range.end).setStep(range.step).build()

    private fun range(proto: Range): ScheduleRange =
        ScheduleRange(proto.start, maxOf(proto.start, proto.end), maxOf(1, proto.step))

    private suspend fun action(action: ScheduleAction, converter: DataConverter): ScheduleActionProto = when (action) {
        is ScheduleAction.StartWorkflow -> {
            val options = action.options
            val info = NewWorkflowExecutionInfo.newBuilder()
                .setWorkflowId(options.id)
                .setWorkflowType(WorkflowType.newBuilder().setName(action.workflowType))
                .setTaskQueue(TaskQueue.newBuilder().setName(options.taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .setWorkflowIdReusePolicy(options.idReusePolicy.proto)
                .setCronSchedule(options.cronSchedule)
            when {
                action.encodedArgs != null -> info.setInput(action.encodedArgs)
                action.args.isNotEmpty() -> info.setInput(converter.encode(action.args, action.argTypes))
            }
            options.executionTimeout?.let { info.setWorkflowExecutionTimeout(it.toProtoDuration()) }
            options.runTimeout?.let { info.setWorkflowRunTimeout(it.toProtoDuration()) }
            options.taskTimeout?.let { info.setWorkflowTaskTimeout(it.toProtoDuration()) }
            options.retryPolicy?.let { info.setRetryPolicy(it.toProto()) }
            if (options.memo.isNotEmpty()) info.setMemo(PayloadEncoding.memo(converter, options.memo))
            if (!options.searchAttributes.isEmpty()) info.setSearchAttributes(options.searchAttributes.toProto())
            if (options.headers.isNotEmpty()) info.setHeader(PayloadEncoding.header(options.headers))
            if (options.staticSummary != null || options.staticDetails != null) {
                val metadata = UserMetadata.newBuilder()
                options.staticSummary?.let { metadata.setSummary(converter.encodeValue(it, typeOf<String>())) }
                options.staticDetails?.let { metadata.setDetails(converter.encodeValue(it, typeOf<String>())) }
                info.setUserMetadata(metadata)
            }
            ScheduleActionProto.newBuilder().setStartWorkflow(info).build()
        }
    }

    private suspend fun action(proto: ScheduleActionProto, converter: DataConverter): ScheduleAction {
        check(proto.hasStartWorkflow()) { "The schedule's action is not a workflow start; this client only knows workflow starts" }
        val info = proto.startWorkflow
        val metadata = info.userMetadata
        val options = WorkflowOptions(
            id = info.workflowId,
            taskQueue = info.taskQueue.name,
            executionTimeout = if (info.hasWorkflowExecutionTimeout()) info.workflowExecutionTimeout.toKotlinDuration() else null,
            runTimeout = if (info.hasWorkflowRunTimeout()) info.workflowRunTimeout.toKotlinDuration() else null,
            taskTimeout = if (info.hasWorkflowTaskTimeout()) info.workflowTaskTimeout.toKotlinDuration() else null,
            idReusePolicy = WorkflowIdReusePolicy.entries.firstOrNull { it.proto == info.workflowIdReusePolicy } ?: WorkflowIdReusePolicy.UNSPECIFIED,
            retryPolicy = if (info.hasRetryPolicy()) RetryPolicy.fromProto(info.retryPolicy) else null,
            cronSchedule = info.cronSchedule,
            memo = info.memo.fieldsMap.toMap(),
            searchAttributes = SearchAttributes.fromProto(info.searchAttributes),
            staticSummary = if (metadata.hasSummary()) converter.decodeValue(metadata.summary, typeOf<String>()) as String else null,
            staticDetails = if (metadata.hasDetails()) converter.decodeValue(metadata.details, typeOf<String>()) as String else null,
            headers = info.header.fieldsMap.toMap(),
        )
        return ScheduleAction.StartWorkflow(info.workflowType.name, options = options, encodedArgs = if (info.hasInput()) info.input else null)
    }
}
