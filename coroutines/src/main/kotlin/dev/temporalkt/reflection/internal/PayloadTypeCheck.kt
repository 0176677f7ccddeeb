package dev.temporalkt.reflection.internal

import dev.temporalkt.converter.internal.NonPayloadTypes
import dev.temporalkt.internal.InternalTemporalApi
import kotlin.reflect.KClass
import kotlin.reflect.KType

/**
 * Finds parameter and return types of workflow and activity functions that cannot travel as payloads, so a worker
 * refuses them when it is built instead of failing each call.
 *
 * Payload converters (kotlinx.serialization, Jackson) accept almost any class, so only types that stand for
 * behaviour, running computations or open resources rather than data are refused: function types and lambdas,
 * coroutine machinery (`Job`/`Deferred`, `Continuation`, `CoroutineContext`, `Flow`, channels, `Mutex`,
 * `Semaphore`), lazy or one-shot sources (`Sequence`, `Iterator`, Java streams), pending results (`Future`,
 * `CompletionStage`), threads, locks and I/O streams, readers and writers; also when they appear as a type argument
 * (`List<() -> Unit>`). `Any`, `Any?`, `Unit`, type parameters and everything else are left to the converter.
 * The refused classes are [NonPayloadTypes]'s, which clients check the arguments they send against too.
 */
@InternalTemporalApi
public object PayloadTypeCheck {

    /** Why a value of [type] cannot be a payload, naming the offending type; `null` when a converter may take it. */
    public fun problem(type: KType): String? {
        val klass = type.classifier as? KClass<*>
        if (klass != null) {
            val reason = NonPayloadTypes.reason(klass.java)
            if (reason != null) return reason
        }
        for (argument in type.arguments) {
            val inner = argument.type ?: continue
            problem(inner)?.let { return "$it inside $type" }
        }
        return null
    }

    /**
     * One message per parameter and the return value of [function] that cannot be a payload; [what] names the
     * function for the message (`Activity 'OrderActivities.charge'`), [returnType] overrides its return type (for
     * functions whose `CompletionStage` result the runtime awaits).
     */
    internal fun problems(what: String, function: UserFunction, returnType: KType = function.returnType): List<String> {
        val found = mutableListOf<String>()
        function.parameterTypes.forEachIndexed { index, type ->
            val reason = problem(type) ?: return@forEachIndexed
            found += "$what parameter '${function.parameterNames[index]}' has type $type: $reason cannot be sent as a payload; " +
                "take plain data instead (a @Serializable class, a class Jackson can convert such as a data class, a " +
                "primitive, String, or collections of them) and keep behaviour on the side that runs the code"
        }
        val reason = problem(returnType)
        if (reason != null) {
            found += "$what returns $returnType: $reason cannot be sent as a payload; return the value itself (make the " +
                "function suspend and await or collect the result) as a @Serializable class, a class Jackson can " +
                "convert such as a data class, a primitive, String, or collections of them"
        }
        return found
    }
}
