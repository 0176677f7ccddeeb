package dev.temporalkt.workflow

import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.full.findAnnotation
import kotlin.reflect.jvm.javaMethod

/**
 * Resolves workflow, signal, query and update names from type-safe references, so names are written once,
 * in the annotations.
 *
 * ```kotlin
 * WorkflowNames.of(OrderWorkflow::class)      // "OrderWorkflow" or @Workflow(name)
 * WorkflowNames.of(OrderWorkflow::run)        // the workflow type, from the @WorkflowRun function
 * WorkflowNames.of(OrderWorkflow::approve)    // the signal name, from @Signal
 * ```
 */
public object WorkflowNames {
    /**
     * The workflow type name of [workflowClass]: its [Workflow.name] (or [WorkflowInterface.name]), or its simple name
     * when empty.
     *
     * @throws IllegalArgumentException when the class is not annotated with [Workflow] or is dynamic.
     */
    public fun of(workflowClass: KClass<*>): String {
        val kotlin = workflowClass.findAnnotation<Workflow>()
        val java = workflowClass.findAnnotation<WorkflowInterface>()
        if (kotlin == null && java == null) {
            throw IllegalArgumentException(
                "Class ${workflowClass.qualifiedName} is not a workflow: annotate it with @Workflow (or @WorkflowInterface " +
                    "in Java) or use the workflow type name",
            )
        }
        require(kotlin?.dynamic != true && java?.dynamic != true) {
            "Class ${workflowClass.qualifiedName} is a dynamic workflow and has no type name; start it by name"
        }
        return (kotlin?.name ?: java!!.name).ifEmpty { workflowClass.simpleName ?: workflowClass.java.name }
    }

    /**
     * The name [function] stands for: the workflow type for a [WorkflowRun] function, the signal, query or
     * update name for a [Signal], [Query] or [Update] handler.
     *
     * @throws IllegalArgumentException when the function carries none of these annotations, or is dynamic.
     */
    public fun of(function: KFunction<*>): String {
        function.inheritedAnnotation<WorkflowRun>()?.let {
            val owner = function.javaMethod?.declaringClass?.kotlin
                ?: throw IllegalArgumentException("Cannot find the class declaring '${function.name}'")
            return of(owner)
        }
        function.inheritedAnnotation<Signal>()?.let { return handlerName("signal", function, it.name, it.dynamic) }
        function.inheritedAnnotation<Query>()?.let { return handlerName("query", function, it.name, it.dynamic) }
        function.inheritedAnnotation<Update>()?.let { return handlerName("update", function, it.name, it.dynamic) }
        throw IllegalArgumentException(
            "Function '${function.name}' is not a workflow run function or handler: annotate it with @WorkflowRun, " +
                "@Signal, @Query or @Update, or use the name directly",
        )
    }

    private fun handlerName(kind: String, function: KFunction<*>, name: String, dynamic: Boolean): String {
        require(!dynamic) { "The $kind handler '${function.name}' is dynamic and has no name of its own" }
        return name.ifEmpty { function.name }
    }
}
