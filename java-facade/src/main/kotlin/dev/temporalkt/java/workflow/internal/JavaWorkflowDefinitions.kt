@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.workflow.internal

import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.reflection.internal.PayloadTypeCheck
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowInit
import dev.temporalkt.workflow.WorkflowInterface
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.internal.HandlerDefinition
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowDefinitionException
import dev.temporalkt.workflow.internal.WorkflowFactory
import java.lang.reflect.Constructor
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.util.concurrent.ConcurrentHashMap
import kotlin.jvm.internal.ClassReference
import kotlin.reflect.KClass
import kotlin.reflect.KType

/**
 * Reads a Java workflow class into the runtime's [WorkflowDefinition] with `java.lang.reflect` only, so the Java
 * workflow runs on the same [dev.temporalkt.workflow.internal.WorkflowInstance] as Kotlin workflows without loading
 * kotlin-reflect. The rules are those of Kotlin workflow classes, in Java terms:
 *
 * - the class (or an interface or superclass of it) is annotated with [WorkflowInterface] (or [Workflow]);
 * - exactly one public method is annotated with [WorkflowRun]; it returns a `CompletionStage<T>` (typically a
 *   `CompletableFuture<T>`, completed or not), a plain value, or nothing; a dynamic workflow's run method takes
 *   `(List<RawValue> args)`;
 * - a public constructor without parameters, or one annotated with [WorkflowInit] taking the run method's parameters,
 *   and at most one [WorkflowInit] constructor or method;
 * - [Signal] handlers return `void` or a `CompletionStage`; [Query] handlers return a value (not a future); [Update]
 *   handlers return a value or a `CompletionStage`; an [UpdateValidator] returns `void` and takes its update's
 *   parameters; dynamic handlers take `(String name, List<RawValue> args)`;
 * - annotations may sit on the methods of an interface or superclass the class implements;
 * - every parameter and result type can be a payload.
 *
 * Every problem is reported at once in a [WorkflowDefinitionException].
 */
internal object JavaWorkflowDefinitions {
    private val cache = ConcurrentHashMap<Class<*>, WorkflowDefinition>()

    /** The definition of [type], read once per class. */
    fun of(type: Class<*>): WorkflowDefinition = cache[type] ?: build(type).let { cache.putIfAbsent(type, it) ?: it }

    private fun build(type: Class<*>): WorkflowDefinition {
        val problems = mutableListOf<String>()
        val annotation = readWorkflowAnnotation(type)
            ?: throw WorkflowDefinitionException(
                "Class ${type.name} is not a workflow: annotate it (or an interface it implements) with @WorkflowInterface " +
                    "(dev.temporalkt.workflow.WorkflowInterface)",
            )
        if (Modifier.isAbstract(type.modifiers) || type.isInterface) {
            problems += "it is abstract or an interface; register the class that implements the workflow"
        }
        val methods = JavaReflection.instanceMethods(type)
        fun <A : Annotation> annotated(annotation: Class<A>): List<Pair<Method, A>> =
            methods.mapNotNull { method -> JavaReflection.methodAnnotation(type, method, annotation)?.let { method to it } }

        // the run method
        val runs = annotated(WorkflowRun::class.java).map { it.first }
        if (runs.isEmpty()) problems += "no run method: annotate one public method with @WorkflowRun"
        if (runs.size > 1) problems += "more than one @WorkflowRun method (${runs.joinToString { it.name }}); keep exactly one"
        val runMethod = runs.firstOrNull()
        if (runMethod != null && annotation.dynamic && !isRawValueList(runMethod.genericParameterTypes.singleOrNull())) {
            problems += "the run method of a dynamic workflow must take exactly (List<RawValue> args), but " +
                "${JavaReflection.describe(runMethod)} takes ${runMethod.genericParameterTypes.map { it.typeName }}"
        }
        if (annotation.dynamic && annotation.name.isNotEmpty()) {
            problems += "a dynamic workflow has no name, but its annotation gives name = \"${annotation.name}\""
        }
        runMethod?.let { checkResult("run method", it, problems) }
        val run = runMethod?.let { method ->
            HandlerDefinition.external(
                annotation.name, annotation.description, HandlerUnfinishedPolicy.WARN_AND_ABANDON,
                kotlinTypes(method), kotlinResultType(method), method.name, JavaMethodInvoker(method, isRun = true),
            )
        }
        if (runMethod != null && !annotation.dynamic) checkPayloadTypes("run method", runMethod, problems)

        // construction
        val initConstructors = type.declaredConstructors.filter { it.isAnnotationPresent(WorkflowInit::class.java) }
        val initMethods = annotated(WorkflowInit::class.java).map { it.first }
        if (initConstructors.size + initMethods.size > 1) {
            problems += "more than one @WorkflowInit constructor or method; keep at most one"
        }
        val initConstructor = initConstructors.firstOrNull()
        val initMethod = initMethods.firstOrNull()
        val plainConstructor = type.declaredConstructors.firstOrNull { it.parameterCount == 0 }
        if (initConstructor == null && plainConstructor == null) {
            problems += "no way to create it: give it a public constructor without parameters, or mark a constructor " +
                "taking the run method's parameters with @WorkflowInit"
        }
        if (runMethod != null) {
            for (init in listOfNotNull<Any>(initConstructor, initMethod)) {
                val types = if (init is Constructor<*>) init.genericParameterTypes else (init as Method).genericParameterTypes
                if (!types.contentEquals(runMethod.genericParameterTypes)) {
                    val what = if (init is Constructor<*>) "constructor" else "method '${(init as Method).name}'"
                    problems += "the @WorkflowInit $what must take the same parameters as the run method " +
                        "${runMethod.genericParameterTypes.map { it.typeName }}, but takes ${types.map { it.typeName }}"
                }
            }
        }
        (listOfNotNull(initConstructor, plainConstructor) + listOfNotNull(initMethod)).forEach { member ->
            try {
                member.isAccessible = true
            } catch (e: RuntimeException) {
                problems += "cannot access ${member.name} of ${type.name}: ${e.message}; make the class and member public"
            }
        }

        // handlers
        val signals = linkedMapOf<String, HandlerDefinition>()
        val queries = linkedMapOf<String, HandlerDefinition>()
        val updates = linkedMapOf<String, HandlerDefinition>()
        val updateMethods = linkedMapOf<String, Method>()
        val validators = linkedMapOf<String, HandlerDefinition>()
        var dynamicSignal: HandlerDefinition? = null
        var dynamicQuery: HandlerDefinition? = null
        var dynamicUpdate: HandlerDefinition? = null

        fun register(
            kind: String,
            method: Method,
            name: String,
            description: String,
            dynamic: Boolean,
            policy: HandlerUnfinishedPolicy,
            into: MutableMap<String, HandlerDefinition>,
            setDynamic: (HandlerDefinition) -> HandlerDefinition?,
        ) {
            if (dynamic) {
                val types = method.genericParameterTypes
                if (types.size != 2 || types[0] != String::class.java || !isRawValueList(types[1])) {
                    problems += "the dynamic $kind handler ${JavaReflection.describe(method)} must take exactly " +
                        "(String name, List<RawValue> args)"
                }
                if (name.isNotEmpty()) problems += "the dynamic $kind handler '${method.name}' must not set a name"
                val handler = HandlerDefinition.external(
                    null, description, policy, kotlinTypes(method), kotlinResultType(method), method.name, JavaMethodInvoker(method, false),
                )
                setDynamic(handler)?.let { problems += "more than one dynamic $kind handler (${it.functionName}, ${method.name}); keep one" }
                return
            }
            val resolved = name.ifEmpty { method.name }
            into[resolved]?.let {
                problems += "duplicate $kind name '$resolved' on methods '${it.functionName}' and '${method.name}'; give them distinct names"
                return
            }
            checkPayloadTypes("$kind handler", method, problems)
            into[resolved] = HandlerDefinition.external(
                resolved, description, policy, kotlinTypes(method), kotlinResultType(method), method.name, JavaMethodInvoker(method, false),
            )
            if (kind == "update") updateMethods[resolved] = method
        }

        for ((method, a) in annotated(Signal::class.java)) {
            val returned = method.genericReturnType
            if (returned != Void.TYPE && !JavaReflection.isStage(returned)) {
                problems += "the signal handler ${JavaReflection.describe(method)} must return void or a CompletionStage, " +
                    "but returns ${returned.typeName}"
            }
            register("signal", method, a.name, a.description, a.dynamic, a.unfinishedPolicy, signals) { h -> dynamicSignal.also { dynamicSignal = h } }
        }
        for ((method, a) in annotated(Query::class.java)) {
            val returned = method.genericReturnType
            if (returned == Void.TYPE) problems += "the query handler ${JavaReflection.describe(method)} returns void; a query must return a value"
            if (JavaReflection.isStage(returned) || JavaReflection.isBlockingFuture(returned)) {
                problems += "the query handler ${JavaReflection.describe(method)} returns a future; a query answers at once " +
                    "from workflow state: return the value itself"
            }
            register("query", method, a.name, a.description, a.dynamic, HandlerUnfinishedPolicy.ABANDON, queries) { h -> dynamicQuery.also { dynamicQuery = h } }
        }
        for ((method, a) in annotated(Update::class.java)) {
            checkResult("update handler", method, problems)
            register("update", method, a.name, a.description, a.dynamic, a.unfinishedPolicy, updates) { h -> dynamicUpdate.also { dynamicUpdate = h } }
        }
        for ((method, a) in annotated(UpdateValidator::class.java)) {
            val update = updateMethods[a.updateName]
            if (update == null) {
                problems += "the validator '${method.name}' names update '${a.updateName}', which has no handler; known updates: ${updates.keys}"
                continue
            }
            if (method.returnType != Void.TYPE) {
                problems += "the update validator ${JavaReflection.describe(method)} must return void, but returns ${method.genericReturnType.typeName}"
            }
            if (!method.genericParameterTypes.contentEquals(update.genericParameterTypes)) {
                problems += "the update validator ${JavaReflection.describe(method)} must take the same parameters as update " +
                    "'${a.updateName}' ${update.genericParameterTypes.map { it.typeName }}"
            }
            val validator = HandlerDefinition.external(
                a.updateName, "", HandlerUnfinishedPolicy.ABANDON, kotlinTypes(method), JavaKType.of(Void::class.java), method.name,
                JavaMethodInvoker(method, false),
            )
            if (validators.put(a.updateName, validator) != null) problems += "more than one validator for update '${a.updateName}'"
        }
        for ((kind, names) in listOf("signal" to signals.keys, "query" to queries.keys, "update" to updates.keys)) {
            for (name in names) if (name.startsWith("__temporal")) problems += "the $kind name '$name' starts with the reserved prefix '__temporal'"
        }

        if (problems.isNotEmpty()) {
            throw WorkflowDefinitionException("Workflow class ${type.name} is invalid:\n" + problems.joinToString("\n") { "  - $it" })
        }
        val factory = WorkflowFactory { arguments ->
            val instance = invoke {
                if (initConstructor != null) initConstructor.newInstance(*arguments.toTypedArray()) else plainConstructor!!.newInstance()
            }
            if (initMethod != null) invoke { initMethod.invoke(instance, *arguments.toTypedArray()) }
            instance
        }
        return WorkflowDefinition.external(
            workflowClass = ClassReference(type),
            name = if (annotation.dynamic) "" else annotation.name.ifEmpty { annotation.declaredOn.simpleName },
            dynamic = annotation.dynamic,
            description = annotation.description,
            run = run!!,
            signals = signals,
            dynamicSignal = dynamicSignal,
            queries = queries,
            dynamicQuery = dynamicQuery,
            updates = updates,
            dynamicUpdate = dynamicUpdate,
            validators = validators,
            failureExceptionTypes = annotation.failureExceptionTypes.map { kotlinClass(it) },
            factory = factory,
            versioningBehavior = annotation.versioningBehavior,
        )
    }

    /** What the class-level annotation says, whichever of the two it is. */
    private class WorkflowAnnotation(
        val declaredOn: Class<*>,
        val name: String,
        val description: String,
        val dynamic: Boolean,
        val failureExceptionTypes: List<Class<out Throwable>>,
        val versioningBehavior: VersioningBehavior,
    )

    private fun readWorkflowAnnotation(type: Class<*>): WorkflowAnnotation? {
        JavaReflection.classAnnotation(type, WorkflowInterface::class.java)?.let { (on, a) ->
            return WorkflowAnnotation(on, a.name, a.description, a.dynamic, classes(a, WorkflowInterface::class.java), a.versioningBehavior)
        }
        JavaReflection.classAnnotation(type, Workflow::class.java)?.let { (on, a) ->
            return WorkflowAnnotation(on, a.name, a.description, a.dynamic, classes(a, Workflow::class.java), a.versioningBehavior)
        }
        return null
    }

    /**
     * The `failureExceptionTypes` of [annotation] as Java classes, read through the annotation interface's method:
     * Kotlin code reading a `KClass` member makes the standard library create `KClass`es, which loads kotlin-reflect.
     */
    @Suppress("UNCHECKED_CAST")
    private fun classes(annotation: Annotation, type: Class<out Annotation>): List<Class<out Throwable>> =
        (type.getMethod("failureExceptionTypes").invoke(annotation) as Array<Class<out Throwable>>).toList()

    private fun checkResult(what: String, method: Method, problems: MutableList<String>) {
        if (JavaReflection.isBlockingFuture(method.genericReturnType)) {
            problems += "the $what ${JavaReflection.describe(method)} returns ${method.genericReturnType.typeName}, which " +
                "cannot be awaited without blocking; return a CompletableFuture (or another CompletionStage)"
        }
    }

    private fun checkPayloadTypes(what: String, method: Method, problems: MutableList<String>) {
        method.genericParameterTypes.forEachIndexed { index, type ->
            PayloadTypeCheck.problem(JavaKType.of(type))?.let { reason ->
                problems += "the $what ${JavaReflection.describe(method)} parameter ${index + 1} has type ${type.typeName}: " +
                    "$reason cannot be sent as a payload; take plain data instead (a record, a POJO Jackson can convert, " +
                    "a primitive, String, or collections of them)"
            }
        }
        val result = JavaReflection.resultType(method.genericReturnType)
        PayloadTypeCheck.problem(JavaKType.of(result))?.let { reason ->
            problems += "the $what ${JavaReflection.describe(method)} returns ${method.genericReturnType.typeName}: $reason " +
                "cannot be sent as a payload; return plain data"
        }
    }

    /** The `KClass` of [type] as the standard library's plain [ClassReference], which needs no kotlin-reflect. */
    @Suppress("UNCHECKED_CAST")
    private fun kotlinClass(type: Class<out Throwable>): KClass<out Throwable> = ClassReference(type) as KClass<out Throwable>

    private fun kotlinTypes(method: Method): List<KType> = JavaKType.ofAll(method.genericParameterTypes.toList())

    private fun kotlinResultType(method: Method): KType = JavaKType.of(JavaReflection.resultType(method.genericReturnType))

    private fun isRawValueList(type: Type?): Boolean =
        type is ParameterizedType && type.rawType == List::class.java && type.actualTypeArguments.singleOrNull() == RawValue::class.java

    private inline fun <T> invoke(block: () -> T): T = try {
        block()
    } catch (e: InvocationTargetException) {
        throw e.targetException ?: e
    }
}
