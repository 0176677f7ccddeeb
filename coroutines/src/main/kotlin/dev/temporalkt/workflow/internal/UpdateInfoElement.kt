package dev.temporalkt.workflow.internal

import dev.temporalkt.workflow.UpdateInfo
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/** Carries the [UpdateInfo] of an update handler's coroutine to the coroutines it starts. */
internal class UpdateInfoElement(val info: UpdateInfo) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<UpdateInfoElement>
}
