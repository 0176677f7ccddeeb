package dev.temporalkt.java.nexus

import dev.temporalkt.java.function.AsyncFunc1
import dev.temporalkt.java.function.AsyncFunc2
import dev.temporalkt.java.function.Func1
import dev.temporalkt.java.function.Func2
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import dev.temporalkt.nexus.WorkflowRunOperation
import java.io.Serializable

/**
 * Builds the [WorkflowRunOperation] a Java Nexus operation returns to run as a workflow: the worker starts the workflow
 * attached to the Nexus request, the operation starts asynchronously, and the workflow's result becomes its result.
 *
 * ```java
 * @NexusService(name = "Greeting")
 * public class GreetingService {
 *     @NexusOperation
 *     public WorkflowRunOperation<String> greetLater(String name) {
 *         return WorkflowRunOperations.start(GreetingWorkflow::run, name,
 *             WorkflowRunOperationOptions.newBuilder("greet-" + name).build());
 *     }
 * }
 * ```
 */
public object WorkflowRunOperations {
    /** Starts the workflow whose run method is [workflow] (such as `GreetingWorkflow::run`) with [arg]. */
    @JvmStatic
    public fun <W, A, R> start(workflow: Func2<W, A, R>, arg: A, options: WorkflowRunOperationOptions): WorkflowRunOperation<R> =
        byReference(workflow, listOf(arg), options)

    /** [start] for a run method returning a `CompletableFuture`. */
    @JvmStatic
    public fun <W, A, R> start(workflow: AsyncFunc2<W, A, R>, arg: A, options: WorkflowRunOperationOptions): WorkflowRunOperation<R> =
        byReference(workflow, listOf(arg), options)

    /** [start] for a run method without arguments. */
    @JvmStatic
    public fun <W, R> start(workflow: Func1<W, R>, options: WorkflowRunOperationOptions): WorkflowRunOperation<R> =
        byReference(workflow, emptyList(), options)

    /** [start] for a run method without arguments returning a `CompletableFuture`. */
    @JvmStatic
    public fun <W, R> start(workflow: AsyncFunc1<W, R>, options: WorkflowRunOperationOptions): WorkflowRunOperation<R> =
        byReference(workflow, emptyList(), options)

    /** Starts a workflow of type [workflowType] with [args], each encoded by its runtime class. */
    @JvmStatic
    public fun <R> start(workflowType: String, options: WorkflowRunOperationOptions, vararg args: Any?): WorkflowRunOperation<R> =
        WorkflowRunOperation.start(workflowType, *args, options = options.kotlin)

    private fun <R> byReference(reference: Serializable, args: List<Any?>, options: WorkflowRunOperationOptions): WorkflowRunOperation<R> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.RUN)
        return WorkflowRunOperation.start(method.name, *args.toTypedArray(), options = options.kotlin)
    }
}
