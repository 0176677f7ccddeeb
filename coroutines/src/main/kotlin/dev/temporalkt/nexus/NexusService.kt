package dev.temporalkt.nexus

/**
 * Marks a class as a Nexus service handler: its [NexusOperation] functions are the operations of service [name]
 * (the class's simple name when empty). Register an instance on a worker with
 * `Worker(..., nexusServices = listOf(GreetingService()))`; workflows call it through
 * [dev.temporalkt.workflow.Workflow.Companion.nexusClient] (`Workflow.nexusClient`).
 *
 * ```kotlin
 * @NexusService(name = "Greeting")
 * class GreetingService(private val greeter: Greeter) {
 *     // A synchronous operation: its return value is the operation's result.
 *     @NexusOperation
 *     suspend fun sayHello(name: String): String = greeter.greet(name)
 *
 *     // An asynchronous operation backed by a workflow: the workflow's result becomes the operation's result.
 *     @NexusOperation
 *     suspend fun greetLater(name: String): WorkflowRunOperation<String> =
 *         WorkflowRunOperation.start(GreetingWorkflow::run, name, options = WorkflowRunOperationOptions(workflowId = "greet-$name"))
 * }
 * ```
 *
 * The same class serves as the service's contract for typed callers: `nexusClient(GreetingService::class, endpoint)`
 * reads the service and operation names and the input and result types from it.
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class NexusService(
    /** The service name callers use; empty for the class's simple name. */
    val name: String = "",
)
