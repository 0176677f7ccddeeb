@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.reflection.internal.FunctionReferences
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KClass
import kotlin.reflect.KFunction

/**
 * Resolves workflow, signal, query and update names from type-safe references, so names are written once,
 * in the annotations.
 *
 * ```kotlin
 * WorkflowNames.of(OrderWorkflow::class)      // "OrderWorkflow" or @Workflow(name)
 * WorkflowNames.of(OrderWorkflow::run)        // the workflow type, from the @WorkflowRun function
 * WorkflowNames.of(OrderWorkflow::approve)    // the signal name, from @Signal
 * ```
 *
 * Names are read once per class and per function reference from the JVM class and methods (without kotlin-reflect)
 * and cached, so a typed call costs a map lookup.
 */
public object WorkflowNames {
    private val classNames = ConcurrentHashMap<Class<*>, String>()
    private val functionNames = ConcurrentHashMap<Any, String>()

    /**
     * The workflow type name of [workflowClass]: its [Workflow.name] (or [WorkflowInterface.name]), or its simple name
     * when empty.
     *
     * @throws IllegalArgumentException when the class is not annotated with [Workflow] or is dynamic.
     */
    public fun of(workflowClass: KClass<*>): String = of(workflowClass.java)

    private fun of(workflowClass: Class<*>): String {
        classNames[workflowClass]?.let { return it }
        val kotlin = workflowClass.getAnnotation(Workflow::class.java)
        val java = workflowClass.getAnnotation(WorkflowInterface::class.java)
        val className = KotlinNames.of(workflowClass)
        if (kotlin == null && java == null) {
            throw IllegalArgumentException(
                "Class $className is not a workflow: annotate it with @Workflow (or @WorkflowInterface " +
                    "in Java) or use the workflow type name",
            )
        }
        require(kotlin?.dynamic != true && java?.dynamic != true) {
            "Class $className is a dynamic workflow and has no type name; start it by name"
        }
        return (kotlin?.name ?: java!!.name).ifEmpty { workflowClass.simpleName.ifEmpty { workflowClass.name } }
            .also { classNames.putIfAbsent(workflowClass, it) }
    }

    /**
     * The name [function] stands for: the workflow type for a [WorkflowRun] function, the signal, query or
     * update name for a [Signal], [Query] or [Update] handler.
     *
     * @throws IllegalArgumentException when the function carries none of these annotations, or is dynamic.
     */
    public fun of(function: KFunction<*>): String {
        val read = FunctionReferences.of(function)
        functionNames[read]?.let { return it }
        return nameOf(function, read.method).also { functionNames.putIfAbsent(read, it) }
    }

    private fun nameOf(function: KFunction<*>, method: java.lang.reflect.Method?): String {
        if (method != null) {
            method.inheritedAnnotation<WorkflowRun>()?.let { return of(method.declaringClass) }
            method.inheritedAnnotation<Signal>()?.let { return handlerName("signal", function, it.name, it.dynamic) }
            method.inheritedAnnotation<Query>()?.let { return handlerName("query", function, it.name, it.dynamic) }
            method.inheritedAnnotation<Update>()?.let { return handlerName("update", function, it.name, it.dynamic) }
        }
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
