package dev.temporalkt.workflow.internal

/** Reported as the workflow task failure when a workflow coroutine was resumed outside the workflow's dispatcher. */
internal class WorkflowEscapeException(message: String) : IllegalStateException(message)
