package dev.temporalkt.java.internal

import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowInterface
import dev.temporalkt.workflow.WorkflowRun
import java.io.Serializable
import java.lang.invoke.MethodHandleInfo
import java.lang.invoke.MethodType
import java.lang.invoke.SerializedLambda
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.util.concurrent.CompletionStage
import java.util.concurrent.Future
import java.util.concurrent.atomic.AtomicReference

/** What an annotated workflow method stands for. */
internal enum class WorkflowMethodKind(val annotation: String) {
    RUN("@WorkflowRun"),
    SIGNAL("@Signal"),
    QUERY("@Query"),
    UPDATE("@Update"),
}

/**
 * A workflow method resolved from a method reference: its [kind], the [name] the server knows it by (the workflow
 * type for a run method), and the Java types of its parameters and of its result.
 */
internal class WorkflowMethod(
    val kind: WorkflowMethodKind,
    val name: String,
    val method: Method,
    val parameterTypes: List<Type>,
    val resultType: Type,
) {
    /** The parameter types as the Kotlin client takes them, after checking that [args] has one value per parameter. */
    fun argTypesFor(args: List<Any?>): List<kotlin.reflect.KType> {
        require(args.size == parameterTypes.size) {
            "${describe()} takes ${parameterTypes.size} argument(s) (${parameterTypes.joinToString { it.typeName }}) " +
                "but ${args.size} were given"
        }
        return JavaKType.ofAll(parameterTypes)
    }

    fun describe(): String = "${method.declaringClass.name}.${method.name}"

    /** Throws unless this method is of [expected] kind. */
    fun expect(expected: WorkflowMethodKind): WorkflowMethod {
        require(kind == expected) {
            "${describe()} is a ${kind.annotation} method, not a ${expected.annotation} method; pass a reference to the " +
                "${expected.annotation} method, or use the name"
        }
        return this
    }
}

/**
 * Resolves method references such as `OrderWorkflow::run` (passed as one of the serializable functional interfaces
 * of `dev.temporalkt.java.function`) to the annotated workflow method they refer to, with `java.lang.reflect` only:
 * the reference's `writeReplace` gives its [SerializedLambda], which names the class and method; the annotations
 * ([WorkflowRun], [Signal], [Query], [Update], and [Workflow] on the class) are looked up on the method and on the
 * methods it overrides, as the Kotlin side does.
 */
internal object WorkflowMethods {
    /** Per lambda class (one per method reference expression in the code), the method it was resolved to. */
    private val resolved = object : ClassValue<AtomicReference<WorkflowMethod?>>() {
        override fun computeValue(type: Class<*>): AtomicReference<WorkflowMethod?> = AtomicReference(null)
    }

    fun resolve(reference: Serializable): WorkflowMethod {
        val slot = resolved.get(reference.javaClass)
        slot.get()?.let { return it }
        return resolveUncached(reference).also { slot.set(it) }
    }

    private fun resolveUncached(reference: Serializable): WorkflowMethod {
        val (owner, method) = referencedMethod(reference, "OrderWorkflow::run", "workflow, signal, query and update methods")
        return of(owner, method)
    }

    /**
     * The instance method a method reference such as `OrderWorkflow::run` refers to, and the class named in it;
     * [example] and [what] word the errors (a lambda, a static method, a bound or constructor reference).
     */
    fun referencedMethod(reference: Serializable, example: String, what: String): Pair<Class<*>, Method> {
        val lambda = serializedLambda(reference, example)
        val implMethodName = lambda.implMethodName
        require(!implMethodName.startsWith("lambda$")) {
            "Pass a method reference such as $example, not a lambda: the SDK reads the method's annotations from the reference"
        }
        when (lambda.implMethodKind) {
            MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface, MethodHandleInfo.REF_invokeSpecial -> Unit
            MethodHandleInfo.REF_newInvokeSpecial ->
                throw IllegalArgumentException("A constructor reference is not one of the $what; pass a reference such as $example")
            else -> throw IllegalArgumentException(
                "${lambda.implClass.replace('/', '.')}.$implMethodName is static; $what are instance methods: pass a " +
                    "reference such as $example",
            )
        }
        require(lambda.capturedArgCount == 0) {
            "Pass an unbound method reference such as $example (class name, not an instance) for " +
                "${lambda.implClass.replace('/', '.')}.$implMethodName"
        }
        val owner = try {
            Class.forName(lambda.implClass.replace('/', '.'), false, reference.javaClass.classLoader)
        } catch (e: ClassNotFoundException) {
            throw IllegalArgumentException("Cannot load ${lambda.implClass.replace('/', '.')}, the class of the method reference", e)
        }
        val method = findMethod(owner, implMethodName, lambda.implMethodSignature)
            ?: throw IllegalArgumentException("Cannot find method $implMethodName${lambda.implMethodSignature} of ${owner.name}")
        return owner to method
    }

    /** Resolves [method], referenced through [owner] (the class named in the reference). */
    fun of(owner: Class<*>, method: Method): WorkflowMethod {
        val where = "${owner.name}.${method.name}"
        val parameters = method.genericParameterTypes.toList()
        val (parameterTypes, resultType) = if (parameters.lastOrNull()?.let(JavaKType::rawClass)?.name == CONTINUATION) {
            // a Kotlin suspend function: its result type is the continuation's
            parameters.dropLast(1) to continuationResult(parameters.last())
        } else {
            parameters to resultOf(method.genericReturnType)
        }
        inherited(owner, method, WorkflowRun::class.java)?.let {
            return WorkflowMethod(WorkflowMethodKind.RUN, workflowName(owner, method), method, parameterTypes, resultType)
        }
        inherited(owner, method, Signal::class.java)?.let {
            return WorkflowMethod(WorkflowMethodKind.SIGNAL, handlerName("signal", where, it.name, it.dynamic, method),
                method, parameterTypes, resultType)
        }
        inherited(owner, method, Query::class.java)?.let {
            return WorkflowMethod(WorkflowMethodKind.QUERY, handlerName("query", where, it.name, it.dynamic, method),
                method, parameterTypes, resultType)
        }
        inherited(owner, method, Update::class.java)?.let {
            return WorkflowMethod(WorkflowMethodKind.UPDATE, handlerName("update", where, it.name, it.dynamic, method),
                method, parameterTypes, resultType)
        }
        throw IllegalArgumentException(
            "$where is not a workflow run method or handler: annotate it with @WorkflowRun, @Signal, @Query or @Update " +
                "(dev.temporalkt.workflow), or use the name directly",
        )
    }

    /**
     * The workflow type name of [workflowClass]: its [Workflow.name], or its simple name when empty.
     */
    fun workflowName(workflowClass: Class<*>): String {
        val kotlin = workflowClass.getAnnotation(Workflow::class.java)
        val java = workflowClass.getAnnotation(WorkflowInterface::class.java)
        if (kotlin == null && java == null) {
            throw IllegalArgumentException(
                "${workflowClass.name} is not a workflow: annotate it with @Workflow or @WorkflowInterface " +
                    "(dev.temporalkt.workflow) or use the workflow type name",
            )
        }
        require(kotlin?.dynamic != true && java?.dynamic != true) {
            "${workflowClass.name} is a dynamic workflow and has no type name; start it by name"
        }
        return (kotlin?.name ?: java!!.name).ifEmpty { workflowClass.simpleName }
    }

    private fun workflowName(owner: Class<*>, method: Method): String {
        val workflowClass = sequenceOf(owner, method.declaringClass).plus(supertypes(owner))
            .firstOrNull { it.isAnnotationPresent(Workflow::class.java) || it.isAnnotationPresent(WorkflowInterface::class.java) }
            ?: throw IllegalArgumentException(
                "${owner.name}.${method.name} is a @WorkflowRun method, but neither ${owner.name} nor a supertype is " +
                    "annotated with @Workflow",
            )
        return workflowName(workflowClass)
    }

    private fun handlerName(kind: String, where: String, name: String, dynamic: Boolean, method: Method): String {
        require(!dynamic) { "The $kind handler $where is dynamic and has no name of its own; use the name directly" }
        return name.ifEmpty { method.name }
    }

    /** [method]'s annotation [type], or that of a method it overrides in a supertype of [owner]. */
    private fun <A : Annotation> inherited(owner: Class<*>, method: Method, type: Class<A>): A? {
        method.getAnnotation(type)?.let { return it }
        for (supertype in sequenceOf(owner).plus(supertypes(owner))) {
            val candidate = try {
                supertype.getDeclaredMethod(method.name, *method.parameterTypes)
            } catch (_: NoSuchMethodException) {
                continue
            }
            candidate.getAnnotation(type)?.let { return it }
        }
        return null
    }

    /** Every superclass and interface of [type], nearest first. */
    private fun supertypes(type: Class<*>): Sequence<Class<*>> = sequence {
        val seen = HashSet<Class<*>>()
        val queue = ArrayDeque<Class<*>>()
        queue.add(type)
        while (queue.isNotEmpty()) {
            val next = queue.removeFirst()
            val parents = listOfNotNull(next.superclass) + next.interfaces
            for (parent in parents) {
                if (seen.add(parent)) {
                    yield(parent)
                    queue.add(parent)
                }
            }
        }
    }

    private fun findMethod(owner: Class<*>, name: String, descriptor: String): Method? =
        sequenceOf(owner).plus(supertypes(owner))
            .flatMap { it.declaredMethods.asSequence() }
            .firstOrNull { it.name == name && !it.isBridge && descriptorOf(it) == descriptor && !Modifier.isStatic(it.modifiers) }

    private fun serializedLambda(reference: Serializable, example: String): SerializedLambda {
        val writeReplace = try {
            reference.javaClass.getDeclaredMethod("writeReplace")
        } catch (_: NoSuchMethodException) {
            throw IllegalArgumentException(
                "Pass a method reference such as $example; ${reference.javaClass.name} is not one",
            )
        }
        try {
            writeReplace.isAccessible = true
        } catch (e: RuntimeException) {
            throw IllegalArgumentException(
                "Cannot read the method reference ${reference.javaClass.name}: open its package to dev.temporalkt " +
                    "(${e.message})",
                e,
            )
        }
        return writeReplace.invoke(reference) as? SerializedLambda
            ?: throw IllegalArgumentException("Pass a method reference such as $example; ${reference.javaClass.name} is not one")
    }

    /** The value a method returning [type] produces: `T` of a `CompletableFuture<T>`, nothing for `void`. */
    private fun resultOf(type: Type): Type {
        val raw = JavaKType.rawClass(type)
        return when {
            raw == Void.TYPE -> Void::class.java
            CompletionStage::class.java.isAssignableFrom(raw) || Future::class.java.isAssignableFrom(raw) ->
                (type as? ParameterizedType)?.actualTypeArguments?.singleOrNull()?.let(::bound) ?: Any::class.java
            else -> type
        }
    }

    private fun continuationResult(type: Type): Type =
        (type as? ParameterizedType)?.actualTypeArguments?.singleOrNull()?.let(::bound) ?: Any::class.java

    private fun bound(type: Type): Type = when {
        type is WildcardType && type.lowerBounds.isNotEmpty() -> type.lowerBounds[0]
        type is WildcardType -> type.upperBounds.firstOrNull() ?: Any::class.java
        else -> type
    }

    private fun descriptorOf(method: Method): String =
        MethodType.methodType(method.returnType, method.parameterTypes).toMethodDescriptorString()

    private const val CONTINUATION = "kotlin.coroutines.Continuation"
}
