package dev.temporalkt.worker.internal.replay

import java.util.concurrent.ConcurrentHashMap

/**
 * One instance per distinct value for the strings that many runs of a worker repeat (workflow type names, client
 * identities), so that each cached run does not hold its own copy parsed from its history.
 *
 * Only values up to [MAX_LENGTH] characters are shared, and at most [MAX_VALUES] of them: past that, values are
 * returned as they are (the interner never grows without bound, whatever the histories carry).
 *
 * ```
 * val type = SharedStrings.of(task.workflowType.name) // the same instance for every run of that type
 * ```
 */
internal object SharedStrings {
    private const val MAX_VALUES = 4096
    private const val MAX_LENGTH = 256
    private val values = ConcurrentHashMap<String, String>()

    /** The shared instance equal to [value], or [value] itself when it is not shared. */
    fun of(value: String): String {
        if (value.isEmpty()) return ""
        if (value.length > MAX_LENGTH) return value
        values[value]?.let { return it }
        if (values.size >= MAX_VALUES) return value
        return values.putIfAbsent(value, value) ?: value
    }
}
