package dev.temporalkt.workflow

/**
 * Marks the entry point of a [Workflow] class: the `suspend` function that runs when an execution starts.
 * Its parameters are the workflow arguments and its declared return type (generic arguments included)
 * is the type the result is encoded with. Exactly one function per workflow class carries it.
 *
 * ```kotlin
 * @Workflow
 * class GreetingWorkflow {
 *     @WorkflowRun
 *     suspend fun run(name: String): String = "Hello, $name"
 * }
 * ```
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class WorkflowRun
