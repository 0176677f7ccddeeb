package dev.temporalkt.workflow.internal

/**
 * Thrown when a query handler or update validator calls a workflow API that would change the run. It fails the
 * query; from an update validator it fails the workflow task, as the validator itself is broken.
 */
internal class ReadOnlyViolationException(message: String) : IllegalStateException(message)
