package dev.temporalkt.workflow

import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.common.ChildWorkflowCancellationType
import kotlin.time.Duration

/**
 * How a workflow starts a child workflow.
 *
 * ```kotlin
 * val invoice = Workflow.executeChildWorkflow(
 *     InvoiceWorkflow::run, order,
 *     options = ChildWorkflowOptions(workflowId = "invoice-${order.id}", parentClosePolicy = ParentClosePolicy.ABANDON),
 * )
 * ```
 *
 * @property workflowId the child's workflow id; `null` for a random id drawn from [Workflow.uuid4].
 * @property taskQueue task queue of the child; `null` for the parent's.
 * @property executionTimeout longest time for the child's whole execution, continue-as-new and retries included.
 * @property runTimeout longest time for one run of the child.
 * @property taskTimeout longest time for one workflow task of the child.
 * @property parentClosePolicy what happens to the child when this workflow closes.
 * @property idReusePolicy whether [workflowId] may reuse the id of a closed run.
 * @property retryPolicy retries of the child; `null` for none.
 * @property cronSchedule cron schedule of the child; `null` for none.
 * @property cancellationType when a cancelled child is reported to this workflow as cancelled.
 * @property memo memo of the child, encoded with the payload converter.
 * @property searchAttributes search attributes of the child.
 * @property summary single-line description shown in the UI.
 */
public data class ChildWorkflowOptions(
    public val workflowId: String? = null,
    public val taskQueue: String? = null,
    public val executionTimeout: Duration? = null,
    public val runTimeout: Duration? = null,
    public val taskTimeout: Duration? = null,
    public val parentClosePolicy: ParentClosePolicy = ParentClosePolicy.TERMINATE,
    public val idReusePolicy: WorkflowIdReusePolicy = WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    public val retryPolicy: RetryPolicy? = null,
    public val cronSchedule: String? = null,
    public val cancellationType: ChildWorkflowCancellationType = ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
    public val memo: Map<String, Any?>? = null,
    public val searchAttributes: SearchAttributes? = null,
    public val summary: String? = null,
)
