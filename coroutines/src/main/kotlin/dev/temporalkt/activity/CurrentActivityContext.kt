package dev.temporalkt.activity

/**
 * The activity context installed on the current thread: set by the worker's runtime while an activity function runs
 * on the thread (for a `suspend` activity, each time its coroutine resumes there), read by [ActivityContext.current] and
 * [activityContext].
 */
internal object CurrentActivityContext {
    private val current = ThreadLocal<ActivityContext?>()

    fun get(): ActivityContext? = current.get()

    fun set(context: ActivityContext?) {
        if (context == null) current.remove() else current.set(context)
    }
}
