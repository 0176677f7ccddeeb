@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.internal.workflow.UnknownWorkflowTypeException
import dev.temporalkt.worker.internal.workflow.WorkflowRuntime
import dev.temporalkt.worker.internal.workflow.WorkflowRuntimeFactory
import kotlin.reflect.KClass

/**
 * The Kotlin workflow runtime's side of the core seam: a [WorkflowInstance] per run, on the coroutine dispatcher, for
 * the registered workflow classes. The classes are read and validated when the factory is built (their annotations,
 * handlers, and that every parameter and result can be a payload), so a worker refuses bad classes at once.
 *
 * ```
 * val runtimes = KotlinWorkflowRuntimes(listOf(OrderWorkflow::class), DataConverter.default, WorkflowInstanceOptions("orders"))
 * val processor = WorkflowTaskProcessor(connection, "default", identity, "orders", DataConverter.default, runtimes, options)
 * ```
 *
 * @throws WorkflowDefinitionException when a class is not a valid workflow; IllegalArgumentException when two classes
 *   define the same workflow type or more than one is dynamic.
 */
@InternalTemporalApi
public class KotlinWorkflowRuntimes(
    workflows: List<KClass<*>>,
    private val dataConverter: DataConverter,
    private val options: WorkflowInstanceOptions,
    /** Definitions read by another surface ([WorkflowDefinition.external]), run on the same [WorkflowInstance]s. */
    externalDefinitions: List<WorkflowDefinition> = emptyList(),
) : WorkflowRuntimeFactory {
    private val definitions: Map<String, WorkflowDefinition>
    private val dynamicDefinition: WorkflowDefinition?

    init {
        val all = workflows.mapTo(ArrayList()) { WorkflowDefinition.of(it) }
        all.forEach(WorkflowPayloadTypes::check)
        all += externalDefinitions
        val (dynamic, named) = all.partition { it.dynamic }
        require(dynamic.size <= 1) {
            "Only one dynamic workflow can be registered on a worker, got ${dynamic.joinToString { it.workflowClass.qualifiedName ?: "?" }}"
        }
        val duplicates = named.groupBy { it.name }.filterValues { it.size > 1 }
        require(duplicates.isEmpty()) {
            "Workflow types registered twice on task queue '${options.taskQueue}': " +
                duplicates.entries.joinToString { (name, defs) -> "'$name' by ${defs.joinToString { it.workflowClass.qualifiedName ?: "?" }}" }
        }
        definitions = named.associateBy { it.name }
        dynamicDefinition = dynamic.firstOrNull()
    }

    override val workflowTypes: List<String> get() = definitions.keys.sorted()

    override fun create(initialize: ActivationJob.InitializeWorkflow): WorkflowRuntime {
        val definition = definitions[initialize.workflowType] ?: dynamicDefinition
            ?: throw UnknownWorkflowTypeException(
                "Workflow type '${initialize.workflowType}' is not registered on the worker for task queue " +
                    "'${options.taskQueue}'; registered types: ${workflowTypes.ifEmpty { listOf("none") }}. Register the " +
                    "workflow class with the worker or start the workflow with one of these types.",
            )
        return WorkflowInstance(definition, initialize, dataConverter.payloadConverter, dataConverter.failureConverter, options)
    }
}
