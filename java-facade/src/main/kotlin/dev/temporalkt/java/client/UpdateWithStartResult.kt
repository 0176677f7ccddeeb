package dev.temporalkt.java.client

/**
 * What update-with-start returns: a handle to the workflow it started (or, with
 * `WorkflowIdConflictPolicy.USE_EXISTING`, the one already running) and a handle to the update.
 *
 * ```java
 * UpdateWithStartResult<Receipt, Integer> started = client.startUpdateWithStart(
 *     WorkflowStart.of(OrderWorkflow::run, order, options), OrderWorkflow::addItem, item, UpdateOptions.defaults()).join();
 * int count = started.getUpdateHandle().getResult().join();
 * Receipt receipt = started.getWorkflowHandle().getResult().join();
 * ```
 */
public class UpdateWithStartResult<R, U> internal constructor(
    /** The started (or running) workflow. */
    public val workflowHandle: WorkflowHandle<R>,
    /** The update, at least at the stage asked for. */
    public val updateHandle: WorkflowUpdateHandle<U>,
) {
    override fun toString(): String = "UpdateWithStartResult(workflow=$workflowHandle, update=$updateHandle)"
}
