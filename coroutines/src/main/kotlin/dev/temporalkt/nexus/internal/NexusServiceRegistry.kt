package dev.temporalkt.nexus.internal

import dev.temporalkt.nexus.NexusNames
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusService
import kotlin.reflect.KFunction
import kotlin.reflect.KType
import kotlin.reflect.full.findAnnotation
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.jvm.isAccessible

/** One operation of a registered service handler. */
internal class NexusOperationDefinition(
    val service: String,
    val name: String,
    val target: Any,
    val function: KFunction<*>,
    /** `null` for an operation without input. */
    val inputType: KType?,
    val isWorkflowRun: Boolean,
)

/**
 * The Nexus services a worker handles, read from instances of [NexusService] classes. Every problem (a class
 * without the annotation, a service without operations, duplicate names, operations with more than one
 * parameter) is reported at once.
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
                val cls = handler::class
                if (handler is kotlin.reflect.KClass<*>) {
                    problems += "Nexus service ${handler.qualifiedName} was registered as a class; register an instance " +
                        "(nexusServices = listOf(${handler.simpleName}()))"
                    continue
                }
                val annotation = cls.findAnnotation<NexusService>()
                if (annotation == null) {
                    problems += "${cls.qualifiedName} is not a Nexus service handler: annotate the class with @NexusService"
                    continue
                }
                val serviceName = annotation.name.ifEmpty { cls.simpleName ?: cls.java.name }
                val ops = LinkedHashMap<String, NexusOperationDefinition>()
                for (f in cls.memberFunctions) {
                    val opAnnotation = f.findAnnotation<NexusOperation>() ?: continue
                    val name = opAnnotation.name.ifEmpty { f.name }
                    val values = f.parameters.filter { it.kind == kotlin.reflect.KParameter.Kind.VALUE }
                    if (values.size > 1) {
                        problems += "Nexus operation $serviceName.${f.name} takes ${values.size} parameters; an operation " +
                            "takes its input as at most one parameter (wrap several values in one class)"
                        continue
                    }
                    if (ops.containsKey(name)) {
                        problems += "Nexus service $serviceName has two operations named '$name'"
                        continue
                    }
                    f.isAccessible = true
                    ops[name] = NexusOperationDefinition(
                        serviceName, name, handler, f, values.firstOrNull()?.type, NexusNames.isWorkflowRun(f),
                    )
                }
                if (ops.isEmpty()) problems += "Nexus service $serviceName (${cls.qualifiedName}) has no @NexusOperation functions"
                if (services.containsKey(serviceName)) problems += "Nexus service '$serviceName' is registered twice"
                services[serviceName] = ops
            }
            require(problems.isEmpty()) { "Invalid Nexus services:\n  - " + problems.joinToString("\n  - ") }
            return NexusServiceRegistry(services)
        }
    }
}
