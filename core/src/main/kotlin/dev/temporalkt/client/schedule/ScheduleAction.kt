package dev.temporalkt.client.schedule

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.internal.ArgumentTypes
import kotlin.reflect.KType

/** What a schedule does when it acts. */
public sealed interface ScheduleAction {
    /**
     * Start the workflow [workflowType] with [args] and [options] (its id gets the action time appended by the
     * server). Actions read back from the server carry their arguments as [encodedArgs] and leave [args] empty;
     * an update keeps them unless you replace them. Memo values read back are the stored
     * [dev.temporalkt.api.common.v1.Payload]s and are sent back as they are.
     *
     * ```kotlin
     * ScheduleAction.StartWorkflow("Report", listOf("daily"), WorkflowOptions("daily-report", "reports"))
     * ```
     */
    public data class StartWorkflow(
        val workflowType: String,
        val args: List<Any?> = emptyList(),
        val options: WorkflowOptions,
        val argTypes: List<KType> = ArgumentTypes.infer(args),
        val encodedArgs: Payloads? = null,
    ) : ScheduleAction {
        init {
            require(workflowType.isNotBlank()) { "ScheduleAction.StartWorkflow.workflowType must not be blank" }
            require(encodedArgs == null || args.isEmpty()) { "Give either args or encodedArgs, not both" }
        }
    }
}
