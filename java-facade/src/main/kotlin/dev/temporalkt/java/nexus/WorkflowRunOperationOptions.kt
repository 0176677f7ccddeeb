package dev.temporalkt.java.nexus

import dev.temporalkt.client.WorkflowIdConflictPolicy
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.nexus.WorkflowRunOperationOptions as KotlinWorkflowRunOperationOptions

/**
 * How a workflow-run Nexus operation written in Java starts its workflow (see [WorkflowRunOperations]).
 *
 * ```java
 * WorkflowRunOperationOptions options = WorkflowRunOperationOptions.newBuilder()
 *     .workflowId("greet-" + name)
 *     .executionTimeout(Duration.ofHours(1))
 *     .build();
 * ```
 */
public class WorkflowRunOperationOptions private constructor(internal val kotlin: KotlinWorkflowRunOperationOptions) {
    /** The workflow id. */
    public fun getWorkflowId(): String = kotlin.workflowId

    /** The workflow's task queue; `null` for the task queue of the worker handling the operation. */
    public fun getTaskQueue(): String? = kotlin.taskQueue

    /** A builder holding these options, to derive others from them. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun toString(): String = "WorkflowRunOperationOptions(${kotlin.toString().substringAfter('(')}"

    /** Builds [WorkflowRunOperationOptions]. */
    public class Builder internal constructor(from: KotlinWorkflowRunOperationOptions?) {
        private var workflowId: String? = from?.workflowId
        private var taskQueue: String? = from?.taskQueue
        private var executionTimeout: Duration? = from?.executionTimeout?.toJavaDuration()
        private var runTimeout: Duration? = from?.runTimeout?.toJavaDuration()
        private var idConflictPolicy = from?.idConflictPolicy ?: WorkflowIdConflictPolicy.UNSPECIFIED
        private var staticSummary: String? = from?.staticSummary

        /**
         * Sets the workflow id (required): choose one derived from the operation's input, so that retries of the same
         * request find the same workflow.
         */
        public fun workflowId(workflowId: String): Builder = apply { this.workflowId = workflowId }

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
         * @throws IllegalArgumentException when the workflow id is missing or blank, or a timeout is not positive.
         */
        public fun build(): WorkflowRunOperationOptions = WorkflowRunOperationOptions(
            KotlinWorkflowRunOperationOptions(
                workflowId = requireNotNull(workflowId) {
                    "WorkflowRunOperationOptions needs a workflow id: call workflowId(...) on the builder, with an id " +
                        "derived from the operation's input"
                },
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
        /** A builder of options; [Builder.workflowId] must be set. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(null)

        /**
         * A builder of options for the workflow with id [workflowId]: choose one derived from the operation's input, so
         * that retries of the same request find the same workflow.
         */
        @JvmStatic
        public fun newBuilder(workflowId: String): Builder = Builder(null).workflowId(workflowId)
    }
}
