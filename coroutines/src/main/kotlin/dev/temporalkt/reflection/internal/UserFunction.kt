@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.reflection.internal

import dev.temporalkt.converter.internal.PlainKType
import java.lang.reflect.Constructor
import java.lang.reflect.Executable
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.util.concurrent.ConcurrentHashMap
import kotlin.coroutines.Continuation
import kotlin.jvm.internal.CallableReference
import kotlin.jvm.internal.ClassBasedDeclarationContainer
import kotlin.metadata.KmValueParameter
import kotlin.metadata.declaresDefaultValue
import kotlin.metadata.isSuspend
import kotlin.reflect.KFunction
import kotlin.reflect.KType

/**
 * A workflow, handler, activity or Nexus function as the worker reads and calls it, read once from its JVM member
 * (`java.lang.reflect`) and its class's Kotlin metadata, without kotlin-reflect: name, parameter names and Kotlin
 * types (nullability and type arguments included), return type, whether it suspends.
 *
 * A function that must be called through kotlin-reflect ([reflectionReason]: parameters with default values, value
 * classes in its signature) gets a clear error at registration when kotlin-reflect is not on the class path
 * ([KotlinReflect.problem]).
 */
internal class UserFunction private constructor(
    /** The function's name (`<init>` for a constructor). */
    val name: String,
    /** The JVM method, or `null` for a constructor. */
    val method: Method?,
    /** The JVM constructor, or `null` for a method. */
    val constructor: Constructor<*>?,
    /** The class that declares it. */
    val declaringClass: Class<*>,
    val isSuspend: Boolean,
    /** Whether it is a Kotlin function (its class has Kotlin metadata that declares it). */
    val isKotlin: Boolean,
    /** The receiver a bound reference (`instance::function`) carries; meaningful when [isBound]. */
    val boundReceiver: Any?,
    val isBound: Boolean,
    val parameterNames: List<String>,
    val parameterTypes: List<KType>,
    /** For each value parameter, whether it declares a default value. */
    val optional: List<Boolean>,
    val returnType: KType,
    val hasTypeParameters: Boolean,
    val isExtension: Boolean,
    /** Why calls must go through kotlin-reflect, or `null` when its JVM member takes exactly its Kotlin parameters. */
    val reflectionReason: String?,
    /** The reference or function it was read from, for calls through kotlin-reflect. */
    private val source: KFunction<*>?,
) {
    /** Whether a call passes an instance: a member function not bound to a receiver. */
    val takesInstance: Boolean get() = method != null && !Modifier.isStatic(method.modifiers) && !isBound

    /**
     * Why registering this function needs kotlin-reflect: [reflectionReason], or parameters with default values (which
     * only kotlin-reflect can leave out of a call); `null` when it does not.
     */
    val registrationReason: String?
        get() = reflectionReason ?: if (optional.any { it }) "has parameters with default values" else null

    /** The fewest arguments a caller may send: parameters without default values. */
    val requiredArguments: Int get() = optional.count { !it }

    /** Whether it returns `Unit` (a `void` method on the JVM). */
    val returnsUnit: Boolean
        get() = !returnType.isMarkedNullable && (returnType as? PlainKType)?.javaClass == Unit::class.java

    /** `Owner.name`, for messages. */
    val description: String get() = "${declaringClass.simpleName.ifEmpty { declaringClass.name }}.$name"

    /** The kotlin-reflect function for calls that need it; loads kotlin-reflect. */
    fun reflected(): KFunction<*> = source ?: KotlinReflect.functionOf(this)

    override fun toString(): String = description

    companion object {
        private val byMember = ConcurrentHashMap<Executable, UserFunction>()

        /** The function compiled to [method] (read once per method). */
        fun of(method: Method): UserFunction = byMember.getOrPut(method) { read(method, null, null, false) }

        /** The function compiled to [constructor] (read once per constructor). */
        fun of(constructor: Constructor<*>): UserFunction = byMember.getOrPut(constructor) { read(constructor, null, null, false) }

        /**
         * The function a reference stands for (`Activities::echo`, `::sendEmail`, `mailer::send`): a callable reference
         * is resolved by its owner, name and JVM signature without kotlin-reflect; a function kotlin-reflect made
         * (`KClass.members`) through kotlin-reflect.
         */
        fun of(function: KFunction<*>): UserFunction {
            val member = memberOf(function)
            val bound = (function as? CallableReference)?.boundReceiver?.takeIf { it !== CallableReference.NO_RECEIVER }
            if (bound == null) {
                return if (function is CallableReference) {
                    if (member is Method) of(member) else of(member as Constructor<*>)
                } else {
                    read(member, null, function, false)
                }
            }
            return read(member, bound, function, true)
        }

        /** The JVM member [function] is compiled to. */
        fun memberOf(function: KFunction<*>): Executable {
            if (function !is CallableReference) return KotlinReflect.memberOf(function)
            val owner = (function.owner as? ClassBasedDeclarationContainer)?.jClass
                ?: throw IllegalArgumentException("Cannot find the class declaring '${function.name}'")
            val signature = function.signature
            val name = signature.substringBefore('(')
            val descriptor = signature.substring(name.length)
            return ReferencedMembers.find(owner, name, descriptor)
                ?: throw IllegalArgumentException(
                    "Cannot find the JVM member of '${function.name}' ($signature) in ${owner.name}",
                )
        }

        private fun read(member: Executable, bound: Any?, source: KFunction<*>?, isBound: Boolean): UserFunction {
            val declaring = member.declaringClass
            val loader = declaring.classLoader
            val metadata = KotlinMetadata.of(declaring)
            val descriptor = Descriptors.of(member)
            val method = member as? Method
            val kmFunction = method?.let { metadata?.function(it.name, descriptor) }
            val kmConstructor = (member as? Constructor<*>)?.let { metadata?.constructor(descriptor) }
            val genericParameters = member.genericParameterTypes
            // inner-class constructors and enum constructors may carry leading synthetic parameters
            val kmParameters: List<KmValueParameter>? = kmFunction?.valueParameters ?: kmConstructor?.valueParameters
            if (kmParameters != null) {
                val suspend = kmFunction?.isSuspend == true
                val jvmCount = genericParameters.size - (if (suspend) 1 else 0)
                val offset = jvmCount - kmParameters.size - (if (kmFunction?.receiverParameterType != null) 1 else 0)
                val javaParameters = genericParameters.toList().drop(offset.coerceAtLeast(0))
                    .drop(if (kmFunction?.receiverParameterType != null) 1 else 0)
                val parameterTypes = kmParameters.mapIndexed { index, parameter ->
                    KotlinMetadata.kotlinType(parameter.type, javaParameters.getOrNull(index), loader)
                }
                val returnType = when {
                    kmFunction != null -> KotlinMetadata.kotlinType(
                        kmFunction.returnType, if (suspend) null else method.genericReturnType, loader,
                    )
                    else -> PlainKType(declaring, emptyList(), isMarkedNullable = false, declaring)
                }
                val optional = kmParameters.map { it.declaresDefaultValue }
                val valueClasses = (parameterTypes + returnType).any { type ->
                    (type as? PlainKType)?.javaClass?.let(KotlinMetadata::isValueClass) == true
                }
                val reason = when {
                    valueClasses -> "takes or returns a value class, whose values its JVM method takes unboxed"
                    offset != 0 -> "has a JVM signature that does not match its Kotlin parameters"
                    else -> null
                }
                return UserFunction(
                    name = kmFunction?.name ?: "<init>",
                    method = method,
                    constructor = member as? Constructor<*>,
                    declaringClass = declaring,
                    isSuspend = suspend,
                    isKotlin = true,
                    boundReceiver = bound,
                    isBound = isBound,
                    parameterNames = kmParameters.map { it.name },
                    parameterTypes = parameterTypes,
                    optional = optional,
                    returnType = returnType,
                    hasTypeParameters = kmFunction?.typeParameters?.isNotEmpty() == true,
                    isExtension = kmFunction?.receiverParameterType != null,
                    reflectionReason = reason,
                    source = source,
                )
            }
            // a Java member, or one the metadata does not describe: Java types, nullable unless primitive
            val suspend = genericParameters.isNotEmpty() &&
                member.parameterTypes.last() == Continuation::class.java
            val parameters = member.parameters.toList().let { if (suspend) it.dropLast(1) else it }
            return UserFunction(
                name = method?.name ?: "<init>",
                method = method,
                constructor = member as? Constructor<*>,
                declaringClass = declaring,
                isSuspend = suspend,
                isKotlin = metadata != null,
                boundReceiver = bound,
                isBound = isBound,
                parameterNames = parameters.map { it.name },
                parameterTypes = parameters.map { PlainKType.ofJava(it.parameterizedType) },
                optional = parameters.map { false },
                returnType = when {
                    method == null -> PlainKType(declaring, emptyList(), isMarkedNullable = false, declaring)
                    suspend -> PlainKType.ofJava(Any::class.java)
                    method.returnType == Void.TYPE -> PlainKType(Unit::class.java, emptyList(), isMarkedNullable = false)
                    else -> PlainKType.ofJava(method.genericReturnType)
                },
                hasTypeParameters = (member.typeParameters.isNotEmpty()),
                isExtension = false,
                reflectionReason = null,
                source = source,
            )
        }
    }
}
