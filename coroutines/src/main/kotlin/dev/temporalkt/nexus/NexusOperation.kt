package dev.temporalkt.nexus

/**
 * Marks a function of a [NexusService] class as a Nexus operation named [name] (the function's name when empty).
 *
 * The function takes the operation's input as its only parameter (or no parameter for operations without input)
 * and may be `suspend`. What it returns decides the kind of operation:
 * - any value: a *synchronous* operation, whose result is that value;
 * - a [WorkflowRunOperation]: an *asynchronous* operation that starts a workflow; the workflow's result becomes the
 *   operation's result, and cancelling the operation cancels the workflow.
 *
 * Throw [NexusOperationException] to end the operation as failed or cancelled, and [NexusHandlerException] to
 * report a handler error (for example a bad request). Inside the function, [NexusOperationContext.current] describes
 * the request.
 *
 * ```kotlin
 * @NexusOperation(name = "say-hello")
 * suspend fun sayHello(name: String): String {
 *     if (name.isBlank()) throw NexusHandlerException(NexusHandlerErrorType.BAD_REQUEST, "name must not be blank")
 *     return "Hello $name"
 * }
 * ```
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class NexusOperation(
    /** The operation name callers use; empty for the function's name. */
    val name: String = "",
)
