package dev.temporalkt.workflow.internal

import dev.temporalkt.internal.InternalTemporalApi

/** A workflow class cannot be used as a workflow; the message says what is wrong and how to fix it. */
@InternalTemporalApi
public class WorkflowDefinitionException(message: String) : IllegalArgumentException(message)
