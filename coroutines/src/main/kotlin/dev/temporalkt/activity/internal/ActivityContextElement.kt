@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.activity.CurrentActivityContext
import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.ThreadContextElement
import org.slf4j.MDC
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Carries an [ActivityContext] in a coroutine context and, while a coroutine with it runs on a thread, makes it the
 * thread's current context (for [ActivityContext.current]) and puts the activity's MDC entries in place, restoring
 * what was there before when the coroutine suspends.
 */
@InternalTemporalApi
public class ActivityContextElement(
    public val context: ActivityContext,
) : AbstractCoroutineContextElement(ActivityContextElement), ThreadContextElement<ActivityContextElement.Saved> {

    /** The key of the element. */
    public companion object Key : CoroutineContext.Key<ActivityContextElement> {
        /** The activity context installed on this thread, or `null`. */
        public fun currentOnThread(): ActivityContext? = CurrentActivityContext.get()

        /** Installs [context] on this thread (with its MDC entries) and returns what to pass to [restore]. */
        public fun install(context: ActivityContext): Saved {
            val previous = CurrentActivityContext.get()
            CurrentActivityContext.set(context)
            val entries = context.info.logContext
            val previousMdc = entries.keys.associateWith { MDC.get(it) }
            entries.forEach { (key, value) -> MDC.put(key, value) }
            return Saved(previous, previousMdc)
        }

        /** Undoes [install]. */
        public fun restore(saved: Saved) {
            CurrentActivityContext.set(saved.previous)
            saved.previousMdc.forEach { (key, value) -> if (value == null) MDC.remove(key) else MDC.put(key, value) }
        }
    }

    /** What [install] replaced. */
    public class Saved internal constructor(
        internal val previous: ActivityContext?,
        internal val previousMdc: Map<String, String?>,
    )

    override fun updateThreadContext(context: CoroutineContext): Saved = install(this.context)

    override fun restoreThreadContext(context: CoroutineContext, oldState: Saved): Unit = restore(oldState)
}
