package dev.temporalkt.workflow.internal

/** Reported as the workflow task failure when workflow code did not yield within the deadlock timeout. */
internal class PotentialDeadlockException(message: String, stack: Array<StackTraceElement>) : RuntimeException(message) {
    init {
        stackTrace = stack
    }
}
