package dev.temporalkt.java.client

import dev.temporalkt.java.common.TypeRef
import dev.temporalkt.java.function.*
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import java.io.Serializable
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * A workflow to start together with a signal ([TemporalClient.signalWithStart]) or an update
 * ([TemporalClient.startUpdateWithStart], [TemporalClient.executeUpdateWithStart]): its type, arguments, result type
 * and options, named by a reference to its `@WorkflowRun` method or by name.
 *
 * ```java
 * WorkflowStart<Receipt> start = WorkflowStart.of(OrderWorkflow::run, order, options);
 * WorkflowStart<Receipt> same = WorkflowStart.of("OrderWorkflow", Receipt.class, options, order);
 * ```
 */
public class WorkflowStart<R> private constructor(
    /** The workflow type name. */
    public val workflowType: String,
    /** The arguments of the run method. */
    public val args: List<Any?>,
    internal val argKotlinTypes: List<KType>,
    /** The type the workflow's result decodes to. */
    public val resultType: Type,
    /** The start options. */
    public val options: WorkflowOptions,
) {
    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(argKotlinTypes)

    override fun toString(): String = "WorkflowStart(workflowType=$workflowType, options=$options)"

    /** Factories. */
    public companion object {
        /** The workflow [workflowType] with [args] (converted by their runtime class), whose result is a [resultClass]. */
        @JvmStatic
        public fun <R> of(workflowType: String, resultClass: Class<R>, options: WorkflowOptions, vararg args: Any?): WorkflowStart<R> =
            byName(workflowType, resultClass, options, Conversions.args(args))

        /** [of] with a generic result type. */
        @JvmStatic
        public fun <R> of(workflowType: String, resultType: TypeRef<R>, options: WorkflowOptions, vararg args: Any?): WorkflowStart<R> =
            byName(workflowType, resultType.type, options, Conversions.args(args))

        /** [of] with the result's `java.lang.reflect.Type`. */
        @JvmStatic
        public fun <R> of(workflowType: String, resultType: Type, options: WorkflowOptions, vararg args: Any?): WorkflowStart<R> =
            byName(workflowType, resultType, options, Conversions.args(args))

        private fun <R> byName(workflowType: String, resultType: Type, options: WorkflowOptions, args: List<Any?>): WorkflowStart<R> {
            require(workflowType.isNotBlank()) { "workflowType must not be blank: give the registered workflow type name" }
            return WorkflowStart(workflowType, args, Conversions.runtimeTypes(args), resultType, options)
        }

        internal fun <R> typed(reference: Serializable, args: List<Any?>, options: WorkflowOptions): WorkflowStart<R> {
            val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.RUN)
            return WorkflowStart(method.name, args, method.argTypesFor(args), method.resultType, options)
        }

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`). */
        @JvmStatic
        public fun <W, R> of(run: Func1<W, R>, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, emptyList(), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, R> of(run: AsyncFunc1<W, R>, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, emptyList(), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W> of(run: Proc1<W>, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, emptyList(), options)

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1]. */
        @JvmStatic
        public fun <W, A1, R> of(run: Func2<W, A1, R>, arg1: A1, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, A1, R> of(run: AsyncFunc2<W, A1, R>, arg1: A1, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1> of(run: Proc2<W, A1>, arg1: A1, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, listOf(arg1), options)

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2]. */
        @JvmStatic
        public fun <W, A1, A2, R> of(run: Func3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, A1, A2, R> of(run: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2> of(run: Proc3<W, A1, A2>, arg1: A1, arg2: A2, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, listOf(arg1, arg2), options)

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3]. */
        @JvmStatic
        public fun <W, A1, A2, A3, R> of(run: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, A1, A2, A3, R> of(run: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3> of(run: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, listOf(arg1, arg2, arg3), options)

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3], [arg4]. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, R> of(run: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, R> of(run: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4> of(run: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, listOf(arg1, arg2, arg3, arg4), options)

        /** The workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3], [arg4], [arg5]. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5, R> of(run: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)

        /** [of] for a `@WorkflowRun` method that returns a future (as Java workflows do): the result is the future's value. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5, R> of(run: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): WorkflowStart<R> =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)

        /** [of] for a `@WorkflowRun` method that returns nothing. */
        @JvmStatic
        public fun <W, A1, A2, A3, A4, A5> of(run: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): WorkflowStart<Void> =
            typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options)
    }
}
