package dev.temporalkt.workflow.internal

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.reflection.internal.UserFunctionCaller
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import java.util.concurrent.CompletionStage
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.isSubclassOf
import kotlin.reflect.typeOf

/**
 * A signal, query or update handler (or an update validator) found on a workflow class.
 *
 * @property name the handler name; `null` for a dynamic handler, which takes `(name, args: List<RawValue>)`.
 * @property function the annotated member function, called with the workflow object as receiver.
 * @property parameterTypes declared types of the value parameters, used to decode arguments.
 * @property returnType declared return type, used to encode the result; for a function returning a
 *   `CompletionStage<T>` (as Java workflow code does), the type `T` the stage completes with.
 */
@InternalTemporalApi
public class HandlerDefinition internal constructor(
    public val name: String?,
    public val description: String,
    internal val function: KFunction<*>,
    public val unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
) {
    public val parameterTypes: List<KType> =
        function.parameters.filter { it.kind == KParameter.Kind.VALUE }.map { it.type }
    public val returnType: KType = function.returnType.let { type ->
        if ((type.classifier as? KClass<*>)?.isSubclassOf(CompletionStage::class) == true) {
            type.arguments.firstOrNull()?.type ?: typeOf<Any?>()
        } else {
            type
        }
    }

    /** Calls [function] on a workflow object. */
    internal val caller: UserFunctionCaller = UserFunctionCaller(function)

    /** Whether the function returns a `CompletionStage` that the runtime awaits. */
    public val returnsStage: Boolean = returnType !== function.returnType
    public val isSuspend: Boolean = function.isSuspend
    public val isDynamic: Boolean get() = name == null

    override fun toString(): String = "${name ?: "<dynamic>"} -> ${function.name}"
}
