package dev.temporalkt.java.client

import dev.temporalkt.client.WorkflowUpdateStage
import java.util.UUID

/**
 * How to send a workflow update: the stage to wait for before the start call completes (`ACCEPTED`, the default: the
 * validator accepted it; or `COMPLETED`: the handler finished) and the update id (sending again with the same id
 * attaches to the same update).
 *
 * ```java
 * UpdateOptions options = UpdateOptions.newBuilder()
 *     .updateId("add-apple-1")
 *     .waitForStage(WorkflowUpdateStage.COMPLETED)
 *     .build();
 * ```
 */
public class UpdateOptions private constructor(builder: Builder) {
    /** The update id, or `null` for a fresh random id on each call. */
    public val updateId: String? = builder.updateId

    /** The stage the start call waits for. */
    public val waitForStage: WorkflowUpdateStage = builder.waitForStage

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder().updateId(updateId).waitForStage(waitForStage)

    internal fun updateIdOrRandom(): String = updateId ?: UUID.randomUUID().toString()

    override fun toString(): String = "UpdateOptions(updateId=$updateId, waitForStage=$waitForStage)"

    /** Builds [UpdateOptions]. */
    public class Builder internal constructor() {
        internal var updateId: String? = null
        internal var waitForStage: WorkflowUpdateStage = WorkflowUpdateStage.ACCEPTED

        /** Sets the update id; `null` for a fresh random id on each call. */
        public fun updateId(updateId: String?): Builder = apply { this.updateId = updateId }

        /** Sets the stage to wait for: `ACCEPTED` (default) or `COMPLETED`. */
        public fun waitForStage(stage: WorkflowUpdateStage): Builder = apply { waitForStage = stage }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException for `ADMITTED`, which callers cannot wait for, or a blank update id.
         */
        public fun build(): UpdateOptions {
            require(waitForStage != WorkflowUpdateStage.ADMITTED) { "waitForStage = ADMITTED is not supported; wait for ACCEPTED or COMPLETED" }
            require(updateId == null || updateId!!.isNotBlank()) { "UpdateOptions.updateId must not be blank; use null for a random id" }
            return UpdateOptions(this)
        }
    }

    /** Factories. */
    public companion object {
        /** A builder: random id, wait for `ACCEPTED`. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        /** A random id on each call, waiting for `ACCEPTED`. */
        @JvmStatic
        public fun defaults(): UpdateOptions = newBuilder().build()

        /** A random id on each call, waiting for [stage]. */
        @JvmStatic
        public fun waitFor(stage: WorkflowUpdateStage): UpdateOptions = newBuilder().waitForStage(stage).build()
    }
}
