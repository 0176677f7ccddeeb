package dev.temporalkt.worker.interceptor

import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.api.common.v1.Payload
import kotlin.reflect.KType

/**
 * Input of [ActivityInboundInterceptor.executeActivity]: the decoded arguments the activity function is called
 * with (a dynamic activity gets the list of payloads) and the headers the scheduling workflow sent.
 */
public data class ExecuteActivityInput(
    val info: ActivityInfo,
    val args: List<Any?>,
    val headers: Map<String, Payload>,
)

/** Input of [ActivityOutboundInterceptor.heartbeat]: the details with the types to convert them with. */
public data class ActivityHeartbeatInput(
    val details: List<Any?>,
    val detailTypes: List<KType>,
)
