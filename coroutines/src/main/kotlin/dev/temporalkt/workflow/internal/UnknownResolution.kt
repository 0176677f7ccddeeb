package dev.temporalkt.workflow.internal

/**
 * The error for a resolution (of a timer, activity, child workflow, external request or Nexus operation) that names a
 * sequence number the run is not waiting for: the history does not match what the code did, which fails the task.
 */
internal fun unknownResolution(what: String, seq: Int): IllegalStateException = IllegalStateException(
    "Resolution for $what $seq, which this run is not waiting for; the workflow code is probably not deterministic",
)
