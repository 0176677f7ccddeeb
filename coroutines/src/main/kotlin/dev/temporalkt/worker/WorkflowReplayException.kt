package dev.temporalkt.worker

/** Workflow code failed a workflow task while [WorkflowReplayer] replayed a history. */
public class WorkflowReplayException(message: String) : RuntimeException(message)
