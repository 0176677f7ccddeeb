package dev.temporalkt.workflow

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/** Carries the [UpdateInfo] of an update handler's coroutine to the coroutines it starts. */
internal class UpdateInfoElement(val info: UpdateInfo) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<UpdateInfoElement>
}
