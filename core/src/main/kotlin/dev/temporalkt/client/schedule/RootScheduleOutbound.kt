package dev.temporalkt.client.schedule

import com.google.protobuf.ByteString
import dev.temporalkt.api.schedule.v1.BackfillRequest
import dev.temporalkt.api.schedule.v1.SchedulePatch
import dev.temporalkt.api.schedule.v1.TriggerImmediatelyRequest
import dev.temporalkt.api.workflowservice.v1.CreateScheduleRequest
import dev.temporalkt.api.workflowservice.v1.DeleteScheduleRequest
import dev.temporalkt.api.workflowservice.v1.DescribeScheduleRequest
import dev.temporalkt.api.workflowservice.v1.ListSchedulesRequest
import dev.temporalkt.api.workflowservice.v1.PatchScheduleRequest
import dev.temporalkt.api.workflowservice.v1.UpdateScheduleRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.internal.PayloadEncoding
import dev.temporalkt.client.internal.rpc
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import java.util.UUID

/** The last link of a client's schedule chain: sends the schedule calls to the server. */
internal class RootScheduleOutbound(private val client: Client) : ScheduleOutboundInterceptor(null) {
    private val service get() = client.connection.workflowService

    override suspend fun createSchedule(input: CreateScheduleInput): ScheduleHandle {
        val builder = CreateScheduleRequest.newBuilder()
            .setNamespace(client.namespace)
            .setIdentity(client.identity)
            .setRequestId(UUID.randomUUID().toString())
            .setScheduleId(input.id)
            .setSchedule(ScheduleProtos.toProto(input.schedule, client.dataConverter))
        if (input.triggerImmediately || input.backfills.isNotEmpty()) {
            builder.setInitialPatch(patch(PatchScheduleInput(input.id, trigger = if (input.triggerImmediately) input.schedule.policy.overlap else null, backfills = input.backfills)))
        }
        if (input.memo.isNotEmpty()) builder.setMemo(PayloadEncoding.memo(client.dataConverter, input.memo))
        if (!input.searchAttributes.isEmpty()) builder.setSearchAttributes(input.searchAttributes.toProto())
        try {
            rpc { service.createSchedule(builder.build()) }
        } catch (e: RpcException) {
            if (e.code == RpcStatusCode.ALREADY_EXISTS) throw ScheduleAlreadyRunningException(input.id, e)
            throw e
        }
        return client.getScheduleHandle(input.id)
    }

    override suspend fun describeSchedule(input: DescribeScheduleInput): ScheduleDescription {
        val response = rpc {
            service.describeSchedule(DescribeScheduleRequest.newBuilder().setNamespace(client.namespace).setScheduleId(input.id).build())
        }
        return ScheduleDescription(
            input.id,
            ScheduleProtos.fromProto(response.schedule, client.dataConverter),
            ScheduleProtos.info(response.info),
            response,
        )
    }

    override suspend fun updateSchedule(input: UpdateScheduleInput) {
        val builder = UpdateScheduleRequest.newBuilder()
            .setNamespace(client.namespace)
            .setIdentity(client.identity)
            .setRequestId(UUID.randomUUID().toString())
            .setScheduleId(input.id)
            .setSchedule(ScheduleProtos.toProto(input.schedule, client.dataConverter))
        input.conflictToken?.let { builder.setConflictToken(ByteString.copyFrom(it)) }
        rpc { service.updateSchedule(builder.build()) }
    }

    override suspend fun patchSchedule(input: PatchScheduleInput) {
        rpc {
            service.patchSchedule(
                PatchScheduleRequest.newBuilder()
                    .setNamespace(client.namespace)
                    .setIdentity(client.identity)
                    .setRequestId(UUID.randomUUID().toString())
                    .setScheduleId(input.id)
                    .setPatch(patch(input))
                    .build(),
            )
        }
    }

    private fun patch(input: PatchScheduleInput): SchedulePatch {
        val builder = SchedulePatch.newBuilder()
        input.pauseNote?.let { builder.setPause(it.ifEmpty { "Paused" }) }
        input.unpauseNote?.let { builder.setUnpause(it.ifEmpty { "Unpaused" }) }
        input.trigger?.let { builder.setTriggerImmediately(TriggerImmediatelyRequest.newBuilder().setOverlapPolicy(it.proto)) }
        builder.addAllBackfillRequest(input.backfills.map(::backfill))
        return builder.build()
    }

    private fun backfill(backfill: ScheduleBackfill): BackfillRequest = BackfillRequest.newBuilder()
        .setStartTime(ScheduleProtos.timestamp(backfill.startAt))
        .setEndTime(ScheduleProtos.timestamp(backfill.endAt))
        .setOverlapPolicy(backfill.overlap.proto)
        .build()

    override suspend fun deleteSchedule(input: DeleteScheduleInput) {
        rpc {
            service.deleteSchedule(
                DeleteScheduleRequest.newBuilder().setNamespace(client.namespace).setIdentity(client.identity).setScheduleId(input.id).build(),
            )
        }
    }

    override fun listSchedules(input: ListSchedulesInput): Flow<ScheduleListDescription> = flow {
        var token = ByteString.EMPTY
        while (true) {
            val response = rpc {
                service.listSchedules(
                    ListSchedulesRequest.newBuilder().setNamespace(client.namespace).setQuery(input.query)
                        .setMaximumPageSize(input.pageSize).setNextPageToken(token).build(),
                )
            }
            for (entry in response.schedulesList) emit(ScheduleListDescription(entry))
            if (response.nextPageToken.isEmpty) return@flow
            token = response.nextPageToken
        }
    }
}
