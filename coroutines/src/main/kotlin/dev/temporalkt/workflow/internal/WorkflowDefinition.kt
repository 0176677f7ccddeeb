@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

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
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KVisibility
import kotlin.reflect.full.allSuperclasses
import kotlin.reflect.full.declaredMemberFunctions
import kotlin.reflect.full.findAnnotation
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.jvm.isAccessible
import kotlin.reflect.typeOf

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
 * declare its handlers on an interface and implement them in a class.
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
    internal val initConstructor: KFunction<*>?,
    internal val initMethod: KFunction<*>?,
    internal val plainConstructor: KFunction<*>?,
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
            initConstructor != null -> initConstructor.call(*arguments.toTypedArray())
            else -> plainConstructor!!.callBy(emptyMap())
        }!!
        initMethod?.call(instance, *arguments.toTypedArray())
        return instance
    }

    override fun toString(): String = "WorkflowDefinition($name, ${workflowClass.qualifiedName})"

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
        // built on first use: a worker of Java definitions alone never makes kotlin-reflect create a KType
        private val dynamicHandlerParameters by lazy { listOf(typeOf<String>(), typeOf<List<RawValue>>()) }
        private val dynamicRunParameters by lazy { listOf(typeOf<List<RawValue>>()) }

        /**
         * The definition of [workflowClass], built once per class and cached.
         *
         * @throws WorkflowDefinitionException when the class is not a valid workflow, naming every problem found.
         */
        public fun of(workflowClass: KClass<*>): WorkflowDefinition =
            cache[workflowClass] ?: build(workflowClass).also { cache.putIfAbsent(workflowClass, it) }

        private fun build(workflowClass: KClass<*>): WorkflowDefinition {
            val className = workflowClass.qualifiedName ?: workflowClass.toString()
            val annotation = workflowClass.findAnnotation<Workflow>()
                ?: workflowClass.findAnnotation<WorkflowInterface>()?.let {
                    Workflow(it.name, it.description, it.dynamic, it.failureExceptionTypes, it.versioningBehavior)
                }
                ?: throw WorkflowDefinitionException(
                    "Class $className is not a workflow: annotate it with @Workflow (dev.temporalkt.workflow.Workflow)",
                )
            val problems = mutableListOf<String>()
            val functions = workflowClass.memberFunctions.toList()

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
            val runHandler = run?.let { HandlerDefinition(annotation.name, annotation.description, it) }
            if (run != null && !run.isSuspend && !runHandler!!.returnsStage) {
                problems += "the @WorkflowRun function '${run.name}' must be a suspend function (Java workflows " +
                    "return a CompletionStage instead)"
            }
            if (annotation.dynamic && runHandler != null && runHandler.parameterTypes != dynamicRunParameters) {
                problems += "the run function of a dynamic workflow must take exactly (args: List<RawValue>), " +
                    "but '${run.name}' takes ${runHandler.parameterTypes}"
            }
            if (annotation.dynamic && annotation.name.isNotEmpty()) {
                problems += "a dynamic workflow has no name, but @Workflow(name = \"${annotation.name}\") gives one"
            }

            // Construction: an @WorkflowInit constructor or a no-argument constructor, plus an optional init method.
            val initConstructors = workflowClass.constructors.filter { it.findAnnotation<WorkflowInit>() != null }
            val initMethods = functions.filter { it.inheritedAnnotation<WorkflowInit>() != null }
            if (initConstructors.size + initMethods.size > 1) {
                problems += "more than one @WorkflowInit constructor or function; keep at most one"
            }
            val initConstructor = initConstructors.firstOrNull()
            val initMethod = initMethods.firstOrNull()
            val plainConstructor = workflowClass.constructors.firstOrNull { c -> c.parameters.all { it.isOptional } }
            if (initConstructor == null && plainConstructor == null && !workflowClass.isAbstract) {
                problems += "no way to create it: give it a constructor without parameters, or mark a constructor " +
                    "taking the run arguments with @WorkflowInit"
            }
            if (workflowClass.isAbstract) problems += "it is abstract or an interface; register a concrete class"
            val runParameterTypes = runHandler?.parameterTypes
            for (init in listOfNotNull(initConstructor, initMethod)) {
                val types = init.parameters.filter { it.kind == KParameter.Kind.VALUE }.map { it.type }
                if (runParameterTypes != null && types != runParameterTypes) {
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
                function: KFunction<*>,
                name: String,
                description: String,
                dynamic: Boolean,
                policy: HandlerUnfinishedPolicy,
                into: MutableMap<String, HandlerDefinition>,
                setDynamic: (HandlerDefinition) -> HandlerDefinition?,
            ) {
                if (dynamic) {
                    val handler = HandlerDefinition(null, description, function, policy)
                    if (handler.parameterTypes != dynamicHandlerParameters) {
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

            for (function in functions) {
                function.inheritedAnnotation<Signal>()?.let { a ->
                    if (function.returnType.classifier != Unit::class) {
                        problems += "the signal handler '${function.name}' must return Unit, but returns ${function.returnType}"
                    }
                    register("signal", function, a.name, a.description, a.dynamic, a.unfinishedPolicy, signals) { h ->
                        dynamicSignal.also { dynamicSignal = h }
                    }
                }
                function.inheritedAnnotation<Query>()?.let { a ->
                    if (function.returnType.classifier == Unit::class) {
                        problems += "the query handler '${function.name}' returns Unit; a query must return a value"
                    }
                    register("query", function, a.name, a.description, a.dynamic, HandlerUnfinishedPolicy.ABANDON, queries) { h ->
                        dynamicQuery.also { dynamicQuery = h }
                    }
                }
                function.inheritedAnnotation<Update>()?.let { a ->
                    register("update", function, a.name, a.description, a.dynamic, a.unfinishedPolicy, updates) { h ->
                        dynamicUpdate.also { dynamicUpdate = h }
                    }
                }
            }
            for (function in functions) {
                val a = function.inheritedAnnotation<UpdateValidator>() ?: continue
                val update = updates[a.updateName]
                if (update == null) {
                    problems += "the validator '${function.name}' names update '${a.updateName}', which has no handler; " +
                        "known updates: ${updates.keys}"
                    continue
                }
                val validator = HandlerDefinition(a.updateName, "", function)
                if (function.isSuspend) problems += "the update validator '${function.name}' must not be a suspend function"
                if (function.returnType.classifier != Unit::class) {
                    problems += "the update validator '${function.name}' must return Unit, but returns ${function.returnType}"
                }
                if (validator.parameterTypes != update.parameterTypes) {
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
            (listOfNotNull(initConstructor, initMethod, plainConstructor, run) + signals.values.map { it.function } +
                queries.values.map { it.function } + updates.values.map { it.function } +
                validators.values.map { it.function } +
                listOfNotNull(dynamicSignal, dynamicQuery, dynamicUpdate).map { it.function })
                .forEach { if (it.visibility != KVisibility.PUBLIC) it.isAccessible = true }
            return WorkflowDefinition(
                workflowClass = workflowClass,
                name = if (annotation.dynamic) "" else annotation.name.ifEmpty { workflowClass.simpleName ?: className },
                dynamic = annotation.dynamic,
                description = annotation.description,
                run = runHandler!!,
                initConstructor = initConstructor,
                initMethod = initMethod,
                plainConstructor = plainConstructor,
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
