package dev.temporalkt.workflow

/**
 * Marks the constructor (or a method) of a [Workflow] class that receives the workflow arguments before
 * any signal, update or query handler runs, so handlers can rely on state derived from the arguments.
 * Its parameters must be the same as those of the [WorkflowRun] function.
 *
 * ```kotlin
 * @Workflow
 * class Counter @WorkflowInit constructor(start: Int) {
 *     private var value = start
 *
 *     @WorkflowRun
 *     suspend fun run(start: Int): Int { Workflow.waitCondition { value > 10 }; return value }
 *
 *     @Update
 *     fun add(n: Int): Int { value += n; return value } // sees `start` even in the first workflow task
 * }
 * ```
 */
@Target(AnnotationTarget.CONSTRUCTOR, AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class WorkflowInit
