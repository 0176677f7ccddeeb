@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.nexus.NexusNames
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusService
import dev.temporalkt.reflection.internal.KotlinReflect
import dev.temporalkt.reflection.internal.MemberMethods
import dev.temporalkt.reflection.internal.UserFunction
import dev.temporalkt.reflection.internal.UserFunctionCaller
import kotlin.reflect.KType

/** One operation of a registered service handler. */
internal class NexusOperationDefinition(
    val service: String,
    val name: String,
    val target: Any,
    val function: UserFunction,
    /** `null` for an operation without input. */
    val inputType: KType?,
    val isWorkflowRun: Boolean,
) {
    /** Calls [function] on [target]. */
    val caller: UserFunctionCaller = UserFunctionCaller(function)
}

/**
 * The Nexus services a worker handles, read from instances of [NexusService] classes. Every problem (a class
 * without the annotation, a service without operations, duplicate names, operations with more than one
 * parameter, functions only kotlin-reflect can call when it is not on the class path) is reported at once. Classes are
 * read with `java.lang.reflect` and Kotlin metadata, without kotlin-reflect.
 */
internal class NexusServiceRegistry private constructor(
    private val services: Map<String, Map<String, NexusOperationDefinition>>,
) {
    val serviceNames: Set<String> get() = services.keys

    /** The operation, or a message saying what is missing (for a NOT_FOUND handler error). */
    fun find(service: String, operation: String): Pair<NexusOperationDefinition?, String> {
        val ops = services[service]
            ?: return null to "Nexus service '$service' is not registered on this worker (registered: ${services.keys.sorted()})"
        val op = ops[operation]
            ?: return null to "Nexus service '$service' has no operation '$operation' (operations: ${ops.keys.sorted()})"
        return op to ""
    }

    companion object {
        fun of(handlers: List<Any>): NexusServiceRegistry {
            val problems = ArrayList<String>()
            val services = LinkedHashMap<String, Map<String, NexusOperationDefinition>>()
            for (handler in handlers) {
                if (handler is kotlin.reflect.KClass<*>) {
                    problems += "Nexus service ${KotlinNames.of(handler.java)} was registered as a class; register an instance " +
                        "(nexusServices = listOf(${handler.java.simpleName}()))"
                    continue
                }
                val cls = handler.javaClass
                val className = KotlinNames.of(cls)
                val annotation = cls.getAnnotation(NexusService::class.java)
                if (annotation == null) {
                    problems += "$className is not a Nexus service handler: annotate the class with @NexusService"
                    continue
                }
                val serviceName = annotation.name.ifEmpty { cls.simpleName.ifEmpty { cls.name } }
                val ops = LinkedHashMap<String, NexusOperationDefinition>()
                for (method in MemberMethods.of(cls).sortedBy { it.name }) {
                    val opAnnotation = method.getAnnotation(NexusOperation::class.java) ?: continue
                    val f = UserFunction.of(method)
                    val name = opAnnotation.name.ifEmpty { f.name }
                    val values = f.parameterTypes
                    if (values.size > 1) {
                        problems += "Nexus operation $serviceName.${f.name} takes ${values.size} parameters; an operation " +
                            "takes its input as at most one parameter (wrap several values in one class)"
                        continue
                    }
                    if (ops.containsKey(name)) {
                        problems += "Nexus service $serviceName has two operations named '$name'"
                        continue
                    }
                    KotlinReflect.problem("Nexus operation $serviceName.${f.name}", f)?.let {
                        problems += it
                        continue
                    }
                    ops[name] = NexusOperationDefinition(
                        serviceName, name, handler, f, values.firstOrNull(), NexusNames.isWorkflowRun(f),
                    )
                }
                if (ops.isEmpty()) problems += "Nexus service $serviceName ($className) has no @NexusOperation functions"
                if (services.containsKey(serviceName)) problems += "Nexus service '$serviceName' is registered twice"
                services[serviceName] = ops
            }
            require(problems.isEmpty()) { "Invalid Nexus services:\n  - " + problems.joinToString("\n  - ") }
            return NexusServiceRegistry(services)
        }
    }
}
