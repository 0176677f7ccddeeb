@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.worker

import dev.temporalkt.api.history.v1.History
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.internal.JavaTypeRoutingPayloadConverter
import dev.temporalkt.java.worker.internal.Registrations
import java.time.Duration
import kotlin.time.toKotlinDuration
import dev.temporalkt.worker.WorkflowReplayer as KotlinWorkflowReplayer

/**
 * Replays recorded workflow histories through the current Java (and Kotlin) workflow classes, to prove that a code
 * change is still compatible with runs already in flight: a history replays cleanly when the code produces the same
 * commands, in the same order, as the ones recorded.
 *
 * ```java
 * History history = client.getWorkflowHandle("order-1").fetchHistory().join().getHistory();
 * WorkflowReplayer.of(OrderWorkflow.class).replay(history, "order-1"); // throws on a mismatch
 * ```
 */
public class WorkflowReplayer private constructor(builder: Builder) {
    private val replayer: KotlinWorkflowReplayer

    init {
        val registrations = Registrations(builder.workflows, emptyList())
        replayer = KotlinWorkflowReplayer(
            registrations.kotlinWorkflows,
            registrations.javaWorkflows,
            JavaTypeRoutingPayloadConverter.route(builder.dataConverter),
            builder.deadlockTimeout?.toKotlinDuration(),
            emptyList(),
        )
    }

    /**
     * Replays [history] of workflow [workflowId].
     *
     * @throws IllegalArgumentException when the history does not start with a workflow execution started event or
     *   its workflow type is not among the replayer's workflows.
     * @throws RuntimeException (a non-determinism exception) when the code no longer matches the history; the message
     *   names the history event and the command produced instead.
     * @throws dev.temporalkt.worker.WorkflowReplayException when workflow code failed a workflow task during replay.
     */
    public fun replay(history: History, workflowId: String) {
        replayer.replay(history, workflowId)
    }

    /** [replay] with a placeholder workflow id. */
    public fun replay(history: History) {
        replayer.replay(history, "replay")
    }

    /** Builds a [WorkflowReplayer]. */
    public class Builder internal constructor() {
        internal val workflows = mutableListOf<Class<*>>()
        internal var dataConverter: DataConverter = DataConverter.default
        internal var deadlockTimeout: Duration? = Duration.ofSeconds(2)

        /** Adds workflow classes that may appear in the histories (Java or Kotlin). */
        public fun addWorkflowClasses(vararg workflowClasses: Class<*>): Builder = apply { workflows += workflowClasses }

        /** Sets the data converter the workflows were run with (give decoded histories: codecs are not needed). */
        public fun dataConverter(converter: DataConverter): Builder = apply { dataConverter = converter }

        /** Sets the deadlock timeout while replaying; `null` turns detection off, which suits large histories. */
        public fun deadlockTimeout(timeout: Duration?): Builder = apply { deadlockTimeout = timeout }

        /**
         * Creates the replayer.
         *
         * @throws IllegalArgumentException or [dev.temporalkt.workflow.internal.WorkflowDefinitionException] when a
         *   workflow class is invalid.
         */
        public fun build(): WorkflowReplayer = WorkflowReplayer(this)
    }

    /** Factories. */
    public companion object {
        /** A builder without workflows, the default data converter and a 2-second deadlock timeout. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        /** A replayer of [workflowClasses] with the default settings. */
        @JvmStatic
        public fun of(vararg workflowClasses: Class<*>): WorkflowReplayer = newBuilder().addWorkflowClasses(*workflowClasses).build()
    }
}
