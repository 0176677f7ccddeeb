@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.reflection.internal.UserFunction
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KType

/**
 * Service and operation names and operation types read from [NexusService] classes, from their JVM classes and
 * methods and Kotlin metadata (no kotlin-reflect); references are read once and cached ([FunctionReferences]).
 */
internal object NexusNames {
    private val unit: KType = PlainKType(Unit::class.java, emptyList(), isMarkedNullable = false, kotlinName = "kotlin.Unit")

    fun service(serviceClass: KClass<*>): String {
        val javaClass = serviceClass.java
        val annotation = javaClass.getAnnotation(NexusService::class.java)
            ?: throw IllegalArgumentException(
                "Class ${KotlinNames.of(javaClass)} is not a Nexus service: annotate it with @NexusService",
            )
        return annotation.name.ifEmpty { javaClass.simpleName.ifEmpty { javaClass.name } }
    }

    fun operation(function: KFunction<*>): String {
        val read = FunctionReferences.of(function)
        val annotation = read.method?.getAnnotation(NexusOperation::class.java)
            ?: throw IllegalArgumentException(
                "Function ${function.name} is not a Nexus operation: annotate it with @NexusOperation",
            )
        return annotation.name.ifEmpty { read.name }
    }

    /** The input type of operation [function]; `Unit` for an operation without input. */
    fun inputType(function: KFunction<*>): KType {
        val read = FunctionReferences.of(function)
        require(read.parameterTypes.size <= 1) {
            "Nexus operation ${function.name} takes ${read.parameterTypes.size} parameters; an operation takes its input as at most one parameter"
        }
        return read.parameterTypes.firstOrNull() ?: unit
    }

    /** The operation's result type: the declared return type, or the workflow's for a [WorkflowRunOperation]. */
    fun resultType(function: KFunction<*>): KType {
        val read = FunctionReferences.of(function)
        val declared = read.returnType
        return if (isWorkflowRun(read)) declared.arguments.firstOrNull()?.type ?: PlainKType.ANY else declared
    }

    fun isWorkflowRun(function: UserFunction): Boolean =
        (function.returnType as? PlainKType)?.javaClass == WorkflowRunOperation::class.java
}
