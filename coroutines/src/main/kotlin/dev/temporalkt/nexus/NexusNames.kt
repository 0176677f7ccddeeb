package dev.temporalkt.nexus

import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.findAnnotation
import kotlin.reflect.typeOf

/** Service and operation names and operation types read from [NexusService] classes. */
internal object NexusNames {
    fun service(serviceClass: KClass<*>): String {
        val annotation = serviceClass.findAnnotation<NexusService>()
            ?: throw IllegalArgumentException(
                "Class ${serviceClass.qualifiedName} is not a Nexus service: annotate it with @NexusService",
            )
        return annotation.name.ifEmpty { serviceClass.simpleName ?: serviceClass.java.name }
    }

    fun operation(function: KFunction<*>): String {
        val annotation = function.findAnnotation<NexusOperation>()
            ?: throw IllegalArgumentException(
                "Function ${function.name} is not a Nexus operation: annotate it with @NexusOperation",
            )
        return annotation.name.ifEmpty { function.name }
    }

    /** The input type of operation [function]; `Unit` for an operation without input. */
    fun inputType(function: KFunction<*>): KType {
        val values = function.parameters.filter { it.kind == KParameter.Kind.VALUE }
        require(values.size <= 1) {
            "Nexus operation ${function.name} takes ${values.size} parameters; an operation takes its input as at most one parameter"
        }
        return values.firstOrNull()?.type ?: typeOf<Unit>()
    }

    /** The operation's result type: the declared return type, or the workflow's for a [WorkflowRunOperation]. */
    fun resultType(function: KFunction<*>): KType {
        val declared = function.returnType
        return if (isWorkflowRun(function)) declared.arguments.firstOrNull()?.type ?: typeOf<Any?>() else declared
    }

    fun isWorkflowRun(function: KFunction<*>): Boolean = function.returnType.classifier == WorkflowRunOperation::class
}
