package dev.temporalkt.opentelemetry.internal

import io.opentelemetry.context.Context
import io.opentelemetry.context.Scope
import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/** Makes [context] the current OpenTelemetry context on whichever thread the coroutine runs. */
internal class OpenTelemetryContextElement(
    private val context: Context,
) : AbstractCoroutineContextElement(Key), ThreadContextElement<Scope> {
    companion object Key : CoroutineContext.Key<OpenTelemetryContextElement>

    override fun updateThreadContext(context: CoroutineContext): Scope = this.context.makeCurrent()

    override fun restoreThreadContext(context: CoroutineContext, oldState: Scope) {
        oldState.close()
    }
}
