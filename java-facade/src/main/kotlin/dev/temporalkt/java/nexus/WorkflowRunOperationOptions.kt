package dev.temporalkt.java.nexus

import dev.temporalkt.client.WorkflowIdConflictPolicy
import java.time.Duration
import kotlin.time.toKotlinDuration
import dev.temporalkt.nexus.WorkflowRunOperationOptions as KotlinWorkflowRunOperationOptions

/**
 * How a workflow-run Nexus operation written in Java starts its workflow (see [WorkflowRunOperations]).
 *
 * ```java
 * WorkflowRunOperationOptions options = WorkflowRunOperationOptions.newBuilder("greet-" + name)
 *     .executionTimeout(Duration.ofHours(1))
 *     .build();
 * ```
 */
public class WorkflowRunOperationOptions private constructor(internal val kotlin: KotlinWorkflowRunOperationOptions) {
    /** The workflow id. */
    public fun getWorkflowId(): String = kotlin.workflowId

    /** The workflow's task queue; `null` for the task queue of the worker handling the operation. */
    public fun getTaskQueue(): String? = kotlin.taskQueue

    override fun toString(): String = "WorkflowRunOperationOptions(${kotlin.toString().substringAfter('(')}"

    /** Builds [WorkflowRunOperationOptions]. */
    public class Builder internal constructor(private val workflowId: String) {
        private var taskQueue: String? = null
        private var executionTimeout: Duration? = null
        private var runTimeout: Duration? = null
        private var idConflictPolicy = WorkflowIdConflictPolicy.UNSPECIFIED
        private var staticSummary: String? = null

        /** Sets the workflow's task queue (default: the task queue of the worker handling the operation). */
        public fun taskQueue(taskQueue: String?): Builder = apply { this.taskQueue = taskQueue }

        /** Sets the longest time for the workflow's whole execution. */
        public fun executionTimeout(timeout: Duration?): Builder = apply { executionTimeout = timeout }

        /** Sets the longest time for one run of the workflow. */
        public fun runTimeout(timeout: Duration?): Builder = apply { runTimeout = timeout }

        /** Sets what happens when a workflow with the id is running (default: the server fails the start). */
        public fun idConflictPolicy(policy: WorkflowIdConflictPolicy): Builder = apply { idConflictPolicy = policy }

        /** Sets the single-line summary the UI shows for the workflow. */
        public fun staticSummary(summary: String?): Builder = apply { staticSummary = summary }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when the workflow id is blank or a timeout is not positive.
         */
        public fun build(): WorkflowRunOperationOptions = WorkflowRunOperationOptions(
            KotlinWorkflowRunOperationOptions(
                workflowId = workflowId,
                taskQueue = taskQueue,
                executionTimeout = positive("executionTimeout", executionTimeout),
                runTimeout = positive("runTimeout", runTimeout),
                idConflictPolicy = idConflictPolicy,
                staticSummary = staticSummary,
            ),
        )

        private fun positive(name: String, value: Duration?): kotlin.time.Duration? {
            require(value == null || (!value.isNegative && !value.isZero)) {
                "WorkflowRunOperationOptions.$name must be a positive duration or null, was $value"
            }
            return value?.toKotlinDuration()
        }
    }

    /** Factories. */
    public companion object {
        /**
         * A builder of options for the workflow with id [workflowId]: choose one derived from the operation's input, so
         * that retries of the same request find the same workflow.
         */
        @JvmStatic
        public fun newBuilder(workflowId: String): Builder = Builder(workflowId)
    }
}
