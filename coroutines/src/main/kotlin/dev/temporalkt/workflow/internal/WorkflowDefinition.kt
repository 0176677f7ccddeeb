@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.inheritedAnnotation
import dev.temporalkt.workflow.WorkflowInit
import dev.temporalkt.workflow.WorkflowInterface
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.KotlinReflect
import dev.temporalkt.reflection.internal.MemberMethods
import dev.temporalkt.reflection.internal.UserFunction
import dev.temporalkt.reflection.internal.UserFunctionCaller
import java.lang.reflect.Constructor
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.KTypeProjection

/**
 * Everything the runtime needs to know about a workflow class, read once from its annotations and validated:
 * the workflow type [name], the [WorkflowRun] function, the [WorkflowInit] hook, the signal, query and
 * update handlers with their validators, and the exception types that fail the execution.
 *
 * ```kotlin
 * val definition = WorkflowDefinition.of(GreetingWorkflow::class)
 * definition.name // "GreetingWorkflow"
 * ```
 *
 * Annotations are looked up on the class's functions and on the functions they override, so a workflow may
 * declare its handlers on an interface and implement them in a class. The class is read with `java.lang.reflect` and
 * its Kotlin metadata, without kotlin-reflect.
 *
 * @property name the workflow type name; for a dynamic workflow, the empty string.
 * @property dynamic whether this workflow runs for every workflow type without a definition of its own;
 *   its run function takes `(args: List<RawValue>)`.
 */
@InternalTemporalApi
public class WorkflowDefinition private constructor(
    public val workflowClass: KClass<*>,
    public val name: String,
    public val dynamic: Boolean,
    public val description: String,
    public val run: HandlerDefinition,
    private val initConstructor: UserFunctionCaller?,
    private val initMethod: UserFunctionCaller?,
    private val plainConstructor: UserFunctionCaller?,
    public val signals: Map<String, HandlerDefinition>,
    public val dynamicSignal: HandlerDefinition?,
    public val queries: Map<String, HandlerDefinition>,
    public val dynamicQuery: HandlerDefinition?,
    public val updates: Map<String, HandlerDefinition>,
    public val dynamicUpdate: HandlerDefinition?,
    public val validators: Map<String, HandlerDefinition>,
    public val failureExceptionTypes: List<KClass<out Throwable>>,
    /** The behaviour the definition states for versioned workers ([VersioningBehavior.UNSPECIFIED]: the worker's default). */
    public val versioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
    /** Creates the workflow object of an [external] definition from the run arguments; `null` for a Kotlin class. */
    private val factory: WorkflowFactory? = null,
) {
    /** Whether this definition was read from a Kotlin class ([of]) rather than given by another surface ([external]). */
    public val isKotlin: Boolean get() = factory == null

    /** Creates the workflow object for a run with the decoded run [arguments], calling the init hook if any. */
    internal fun instantiate(arguments: List<Any?>): Any {
        factory?.let { return it.create(arguments) }
        val instance = when {
            initConstructor != null -> initConstructor.call(null, arguments)
            else -> plainConstructor!!.call(null, emptyList())
        }!!
        initMethod?.call(instance, arguments)
        return instance
    }

    override fun toString(): String = "WorkflowDefinition($name, ${workflowClass.java.name})"

    /** Building definitions from annotated classes. */
    public companion object {
        /**
         * A definition read by another surface than Kotlin's (Java workflow classes, read with `java.lang.reflect`):
         * its handlers are [HandlerDefinition.external] ones, and [factory] creates the workflow object of a run from
         * the decoded run arguments (calling its init hook, if it has one). The caller has validated the class; the
         * worker checks that no two definitions share a workflow type.
         */
        public fun external(
            workflowClass: KClass<*>,
            name: String,
            dynamic: Boolean,
            description: String,
            run: HandlerDefinition,
            signals: Map<String, HandlerDefinition>,
            dynamicSignal: HandlerDefinition?,
            queries: Map<String, HandlerDefinition>,
            dynamicQuery: HandlerDefinition?,
            updates: Map<String, HandlerDefinition>,
            dynamicUpdate: HandlerDefinition?,
            validators: Map<String, HandlerDefinition>,
            failureExceptionTypes: List<KClass<out Throwable>>,
            factory: WorkflowFactory,
            versioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
        ): WorkflowDefinition = WorkflowDefinition(
            workflowClass, name, dynamic, description, run,
            initConstructor = null, initMethod = null, plainConstructor = null,
            signals = signals, dynamicSignal = dynamicSignal, queries = queries, dynamicQuery = dynamicQuery,
            updates = updates, dynamicUpdate = dynamicUpdate, validators = validators,
            failureExceptionTypes = failureExceptionTypes, versioningBehavior = versioningBehavior, factory = factory,
        )

        private val cache = ConcurrentHashMap<KClass<*>, WorkflowDefinition>()
        private val rawValues: KType = PlainKType(
            List::class.java,
            listOf(KTypeProjection.invariant(PlainKType(RawValue::class.java, emptyList(), isMarkedNullable = false))),
            isMarkedNullable = false,
        )
        private val dynamicHandlerParameters: List<KType> =
            listOf(PlainKType.STRING, rawValues)
        private val dynamicRunParameters: List<KType> = listOf(rawValues)

        /**
         * The definition of [workflowClass], built once per class and cached.
         *
         * @throws WorkflowDefinitionException when the class is not a valid workflow, naming every problem found.
         */
        public fun of(workflowClass: KClass<*>): WorkflowDefinition =
            cache[workflowClass] ?: build(workflowClass).also { cache.putIfAbsent(workflowClass, it) }

        private fun build(workflowClass: KClass<*>): WorkflowDefinition {
            val javaClass = workflowClass.java
            val className = KotlinNames.of(javaClass)
            val annotation = javaClass.getAnnotation(Workflow::class.java)
                ?: javaClass.getAnnotation(WorkflowInterface::class.java)?.let {
                    Workflow(it.name, it.description, it.dynamic, it.failureExceptionTypes, it.versioningBehavior)
                }
                ?: throw WorkflowDefinitionException(
                    "Class $className is not a workflow: annotate it with @Workflow (dev.temporalkt.workflow.Workflow)",
                )
            val problems = mutableListOf<String>()
            val functions: List<Method> = MemberMethods.of(javaClass)
            val read = HashMap<Method, UserFunction>()
            fun fn(method: Method): UserFunction = read.getOrPut(method) { UserFunction.of(method) }

            val runs = functions.filter { it.inheritedAnnotation<WorkflowRun>() != null }
            val run = when (runs.size) {
                0 -> {
                    problems += "no run function: annotate one suspend function with @WorkflowRun"
                    null
                }
                1 -> runs[0]
                else -> {
                    problems += "more than one @WorkflowRun function (${runs.joinToString { it.name }}); keep exactly one"
                    runs[0]
                }
            }
            val runHandler = run?.let { HandlerDefinition(annotation.name, annotation.description, fn(it)) }
            if (run != null && !runHandler!!.isSuspend && !runHandler.returnsStage) {
                problems += "the @WorkflowRun function '${run.name}' must be a suspend function (Java workflows " +
                    "return a CompletionStage instead)"
            }
            if (annotation.dynamic && runHandler != null && !PlainKType.sameTypes(runHandler.parameterTypes, dynamicRunParameters)) {
                problems += "the run function of a dynamic workflow must take exactly (args: List<RawValue>), " +
                    "but '${run.name}' takes ${runHandler.parameterTypes}"
            }
            if (annotation.dynamic && annotation.name.isNotEmpty()) {
                problems += "a dynamic workflow has no name, but @Workflow(name = \"${annotation.name}\") gives one"
            }

            // Construction: an @WorkflowInit constructor or a no-argument constructor, plus an optional init method.
            val constructors: List<Constructor<*>> = javaClass.declaredConstructors.filter { !it.isSynthetic }
            val initConstructors = constructors.filter { it.isAnnotationPresent(WorkflowInit::class.java) }
                .map { UserFunction.of(it) }
            val initMethods = functions.filter { it.inheritedAnnotation<WorkflowInit>() != null }.map(::fn)
            if (initConstructors.size + initMethods.size > 1) {
                problems += "more than one @WorkflowInit constructor or function; keep at most one"
            }
            val initConstructor = initConstructors.firstOrNull()
            val initMethod = initMethods.firstOrNull()
            // Kotlin adds a constructor without parameters when every parameter of the primary one has a default
            val plainConstructor = (constructors.firstOrNull { it.parameterCount == 0 }
                ?: constructors.firstOrNull { c -> UserFunction.of(c).let { f -> f.isKotlin && f.optional.all { it } } })
                ?.let { UserFunction.of(it) }
            val isAbstract = Modifier.isAbstract(javaClass.modifiers) || javaClass.isInterface
            if (initConstructor == null && plainConstructor == null && !isAbstract) {
                problems += "no way to create it: give it a constructor without parameters, or mark a constructor " +
                    "taking the run arguments with @WorkflowInit"
            }
            if (isAbstract) problems += "it is abstract or an interface; register a concrete class"
            val runParameterTypes = runHandler?.parameterTypes
            for (init in listOfNotNull(initConstructor, initMethod)) {
                val types = init.parameterTypes
                if (runParameterTypes != null && !PlainKType.sameTypes(types, runParameterTypes)) {
                    problems += "the @WorkflowInit ${if (init == initConstructor) "constructor" else "function '${init.name}'"} " +
                        "must take the same parameters as the run function $runParameterTypes, but takes $types"
                }
            }

            val signals = linkedMapOf<String, HandlerDefinition>()
            val queries = linkedMapOf<String, HandlerDefinition>()
            val updates = linkedMapOf<String, HandlerDefinition>()
            val validators = linkedMapOf<String, HandlerDefinition>()
            var dynamicSignal: HandlerDefinition? = null
            var dynamicQuery: HandlerDefinition? = null
            var dynamicUpdate: HandlerDefinition? = null

            fun register(
                kind: String,
                function: UserFunction,
                name: String,
                description: String,
                dynamic: Boolean,
                policy: HandlerUnfinishedPolicy,
                into: MutableMap<String, HandlerDefinition>,
                setDynamic: (HandlerDefinition) -> HandlerDefinition?,
            ) {
                if (dynamic) {
                    val handler = HandlerDefinition(null, description, function, policy)
                    if (!PlainKType.sameTypes(handler.parameterTypes, dynamicHandlerParameters)) {
                        problems += "the dynamic $kind handler '${function.name}' must take exactly " +
                            "(name: String, args: List<RawValue>), but takes ${handler.parameterTypes}"
                    }
                    if (name.isNotEmpty()) {
                        problems += "the dynamic $kind handler '${function.name}' must not set a name"
                    }
                    setDynamic(handler)?.let {
                        problems += "more than one dynamic $kind handler (${it.function.name}, ${function.name}); keep one"
                    }
                    return
                }
                val resolved = name.ifEmpty { function.name }
                into[resolved]?.let {
                    problems += "duplicate $kind name '$resolved' on functions '${it.function.name}' and " +
                        "'${function.name}'; give them distinct names"
                    return
                }
                into[resolved] = HandlerDefinition(resolved, description, function, policy)
            }

            for (method in functions) {
                method.inheritedAnnotation<Signal>()?.let { a ->
                    val function = fn(method)
                    if (!function.returnType.isUnit()) {
                        problems += "the signal handler '${function.name}' must return Unit, but returns ${function.returnType}"
                    }
                    register("signal", function, a.name, a.description, a.dynamic, a.unfinishedPolicy, signals) { h ->
                        dynamicSignal.also { dynamicSignal = h }
                    }
                }
                method.inheritedAnnotation<Query>()?.let { a ->
                    val function = fn(method)
                    if (function.returnType.isUnit()) {
                        problems += "the query handler '${function.name}' returns Unit; a query must return a value"
                    }
                    register("query", function, a.name, a.description, a.dynamic, HandlerUnfinishedPolicy.ABANDON, queries) { h ->
                        dynamicQuery.also { dynamicQuery = h }
                    }
                }
                method.inheritedAnnotation<Update>()?.let { a ->
                    val function = fn(method)
                    register("update", function, a.name, a.description, a.dynamic, a.unfinishedPolicy, updates) { h ->
                        dynamicUpdate.also { dynamicUpdate = h }
                    }
                }
            }
            for (method in functions) {
                val a = method.inheritedAnnotation<UpdateValidator>() ?: continue
                val function = fn(method)
                val update = updates[a.updateName]
                if (update == null) {
                    problems += "the validator '${function.name}' names update '${a.updateName}', which has no handler; " +
                        "known updates: ${updates.keys}"
                    continue
                }
                val validator = HandlerDefinition(a.updateName, "", function)
                if (function.isSuspend) problems += "the update validator '${function.name}' must not be a suspend function"
                if (!function.returnType.isUnit()) {
                    problems += "the update validator '${function.name}' must return Unit, but returns ${function.returnType}"
                }
                if (!PlainKType.sameTypes(validator.parameterTypes, update.parameterTypes)) {
                    problems += "the update validator '${function.name}' must take the same parameters as update " +
                        "'${a.updateName}' ${update.parameterTypes}, but takes ${validator.parameterTypes}"
                }
                if (validators.put(a.updateName, validator) != null) {
                    problems += "more than one validator for update '${a.updateName}'"
                }
            }
            val allNames = signals.keys.map { "signal" to it } + queries.keys.map { "query" to it } +
                updates.keys.map { "update" to it }
            for ((kind, name) in allNames) {
                if (name.startsWith("__temporal")) {
                    problems += "the $kind name '$name' starts with the reserved prefix '__temporal'"
                }
            }

            val used = listOfNotNull(initConstructor, initMethod, plainConstructor, runHandler?.function) +
                (signals.values + queries.values + updates.values + validators.values +
                    listOfNotNull(dynamicSignal, dynamicQuery, dynamicUpdate)).map { it.function }
            for (function in used.distinct()) {
                KotlinReflect.problem("the function '${function.name}'", function)?.let { problems += it }
            }

            UnseededRandomUse.selectUnbiasedIn(workflowClass.java)?.let { where ->
                problems += "it uses selectUnbiased (in $where), which picks among ready clauses with an unseeded random " +
                    "generator, so a replay can pick another clause than the original run and fail as non-deterministic; " +
                    "use select { } instead: it picks the first ready clause in the order the clauses are listed"
            }
            if (problems.isNotEmpty()) {
                throw WorkflowDefinitionException(
                    "Workflow class $className is invalid:\n" + problems.joinToString("\n") { "  - $it" },
                )
            }
            return WorkflowDefinition(
                workflowClass = workflowClass,
                name = if (annotation.dynamic) "" else annotation.name.ifEmpty { javaClass.simpleName.ifEmpty { className } },
                dynamic = annotation.dynamic,
                description = annotation.description,
                run = runHandler!!,
                initConstructor = initConstructor?.let(::UserFunctionCaller),
                initMethod = initMethod?.let(::UserFunctionCaller),
                plainConstructor = plainConstructor?.let(::UserFunctionCaller),
                signals = signals,
                dynamicSignal = dynamicSignal,
                queries = queries,
                dynamicQuery = dynamicQuery,
                updates = updates,
                dynamicUpdate = dynamicUpdate,
                validators = validators,
                failureExceptionTypes = annotation.failureExceptionTypes.toList(),
                versioningBehavior = annotation.versioningBehavior,
            )
        }
    }
}

/** Creates the workflow object of a run of an [WorkflowDefinition.external] definition. */
@InternalTemporalApi
public fun interface WorkflowFactory {
    /** The workflow object for a run started with the decoded run [arguments]. */
    public fun create(arguments: List<Any?>): Any
}
