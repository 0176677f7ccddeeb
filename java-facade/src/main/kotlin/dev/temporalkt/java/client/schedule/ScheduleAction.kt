package dev.temporalkt.java.client.schedule

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.java.client.WorkflowOptions
import dev.temporalkt.java.function.*
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import java.io.Serializable
import java.lang.reflect.Type
import kotlin.reflect.KType
import dev.temporalkt.client.schedule.ScheduleAction as KotlinScheduleAction

/**
 * What a schedule does each time it fires: start a workflow (whose id gets the action time appended by the server).
 *
 * ```java
 * ScheduleAction action = ScheduleAction.startWorkflow(ReportWorkflow::run, "daily", reportOptions);
 * ScheduleAction byName = ScheduleAction.startWorkflow("Report", reportOptions, "daily");
 * ```
 *
 * Actions read back from the server ([ScheduleDescription.schedule]) carry their arguments still encoded
 * ([encodedArgs]) and an empty [args]; an update keeps them unless you replace the action.
 */
public class ScheduleAction private constructor(
    /** The workflow type to start. */
    public val workflowType: String,
    /** The arguments of the workflow (empty for an action read back from the server, see [encodedArgs]). */
    public val args: List<Any?>,
    private val argKotlinTypes: List<KType>,
    /** How to start the workflow. */
    public val options: WorkflowOptions,
    /** The arguments as read back from the server, or `null` for an action made here. */
    public val encodedArgs: Payloads?,
) {
    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(argKotlinTypes)

    internal suspend fun toKotlin(converter: DataConverter): KotlinScheduleAction = KotlinScheduleAction.StartWorkflow(
        workflowType = workflowType,
        args = args,
        options = Conversions.encodeMemo(options.kotlin, converter),
        argTypes = argKotlinTypes,
        encodedArgs = encodedArgs,
    )

    override fun toString(): String = "ScheduleAction.startWorkflow(workflowType=$workflowType, options=$options)"

    /** Factories. */
    public companion object {
        /** Starts the workflow [workflowType] with [args], converted by their runtime class. */
        @JvmStatic
        public fun startWorkflow(workflowType: String, options: WorkflowOptions, vararg args: Any?): ScheduleAction {
            require(workflowType.isNotBlank()) { "ScheduleAction workflowType must not be blank" }
            val values = Conversions.args(args)
            return ScheduleAction(workflowType, values, Conversions.runtimeTypes(values), options, null)
        }

        /** Starts the workflow [workflowType] with [args] converted as [argTypes]. */
        @JvmStatic
        public fun startWorkflow(workflowType: String, options: WorkflowOptions, args: List<Any?>, argTypes: List<Type>): ScheduleAction {
            require(workflowType.isNotBlank()) { "ScheduleAction workflowType must not be blank" }
            require(args.size == argTypes.size) { "Give one type per argument: ${args.size} argument(s), ${argTypes.size} type(s)" }
            return ScheduleAction(workflowType, args.toList(), Conversions.kotlinTypes(argTypes), options, null)
        }

        private fun typed(reference: Serializable, args: List<Any?>, options: WorkflowOptions): ScheduleAction {
            val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.RUN)
            return ScheduleAction(method.name, args, method.argTypesFor(args), options, null)
        }

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`). */
        @JvmStatic
        public fun <W, R> startWorkflow(run: Func1<W, R>, options: WorkflowOptions): ScheduleAction =
            typed(run, emptyList(), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, R> startWorkflow(run: AsyncFunc1<W, R>, options: WorkflowOptions): ScheduleAction =
            typed(run, emptyList(), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W> startWorkflow(run: Proc1<W>, options: WorkflowOptions): ScheduleAction =
            typed(run, emptyList(), options)

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`) with [arg1]. */
        @JvmStatic
        public fun <W, A1, R> startWorkflow(run: Func2<W, A1, R>, arg1: A1, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, A1, R> startWorkflow(run: AsyncFunc2<W, A1, R>, arg1: A1, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1> startWorkflow(run: Proc2<W, A1>, arg1: A1, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1), options)

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`) with [arg1], [arg2]. */
        @JvmStatic
        public fun <W, A1, A2, R> startWorkflow(run: Func3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, A1, A2, R> startWorkflow(run: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2> startWorkflow(run: Proc3<W, A1, A2>, arg1: A1, arg2: A2, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2), options)

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`) with [arg1], [arg2], [arg3]. */
        @JvmStatic
        public fun <W, A1, A2, A3, R> startWorkflow(run: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, A1, A2, A3, R> startWorkflow(run: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3> startWorkflow(run: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`) with [arg1], [arg2], [arg3], [arg4]. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, R> startWorkflow(run: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, R> startWorkflow(run: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4> startWorkflow(run: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** Starts the workflow whose `@WorkflowRun` method is [run] (such as `ReportWorkflow::run`) with [arg1], [arg2], [arg3], [arg4], [arg5]. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5, R> startWorkflow(run: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do). */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5, R> startWorkflow(run: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)

        /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5> startWorkflow(run: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): ScheduleAction =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)

        internal fun of(kotlin: KotlinScheduleAction): ScheduleAction = when (kotlin) {
            is KotlinScheduleAction.StartWorkflow -> ScheduleAction(
                kotlin.workflowType, kotlin.args, kotlin.argTypes, WorkflowOptions.of(kotlin.options), kotlin.encodedArgs,
            )
        }
    }
}
