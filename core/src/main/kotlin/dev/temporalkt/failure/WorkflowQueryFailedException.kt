package dev.temporalkt.failure

/**
 * Thrown when a query handler failed (threw, or the query name is unknown to the workflow). The handler's
 * error message is the message of this exception; [cause] is the converted failure when the server sent
 * one.
 */
public class WorkflowQueryFailedException @JvmOverloads constructor(
    workflowId: String,
    runId: String?,
    /** The query name. */
    public val queryType: String,
    message: String,
    cause: Throwable? = null,
    workflowType: String? = null,
) : WorkflowException(message, cause, workflowId, runId, workflowType)
