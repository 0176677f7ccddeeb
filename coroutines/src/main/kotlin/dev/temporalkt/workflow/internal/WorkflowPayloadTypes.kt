@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.reflection.internal.PayloadTypeCheck
import dev.temporalkt.internal.InternalTemporalApi

/**
 * Checks that the run function, signals, queries and updates of a workflow class take and return only types that
 * can be payloads ([PayloadTypeCheck]); dynamic handlers, which take raw values, pass.
 */
internal object WorkflowPayloadTypes {
    /** @throws WorkflowDefinitionException naming every parameter and return type of [definition] that cannot be a payload. */
    fun check(definition: WorkflowDefinition) {
        // a definition of another surface checks its own types
        if (!definition.isKotlin) return
        val problems = buildList {
            if (!definition.dynamic) addAll(problemsOf("run function", definition.run))
            for ((name, handler) in definition.signals) addAll(problemsOf("signal '$name'", handler))
            for ((name, handler) in definition.queries) addAll(problemsOf("query '$name'", handler))
            for ((name, handler) in definition.updates) addAll(problemsOf("update '$name'", handler))
        }
        if (problems.isNotEmpty()) {
            val className = definition.workflowClass.java.let { KotlinNames.of(it) }
            throw WorkflowDefinitionException("Workflow class $className is invalid:\n" + problems.joinToString("\n") { "  - $it" })
        }
    }

    private fun problemsOf(what: String, handler: HandlerDefinition): List<String> =
        PayloadTypeCheck.problems("The $what (function '${handler.function.name}')", handler.function, handler.returnType)
}
