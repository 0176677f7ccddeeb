package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleBackfill
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.SearchAttributes

/**
 * Extras of creating a schedule: take the action once at once, backfill ranges, and the schedule's own memo and
 * search attributes (memo values are converted by their runtime class).
 *
 * ```java
 * CreateScheduleOptions options = CreateScheduleOptions.newBuilder()
 *     .triggerImmediately(true)
 *     .memo("owner", "reports-team")
 *     .build();
 * ```
 */
public class CreateScheduleOptions private constructor(builder: Builder) {
    /** Whether the action is taken once right after creating the schedule. */
    public val triggerImmediately: Boolean = builder.triggerImmediately

    /** Ranges to backfill right after creating the schedule. */
    public val backfills: List<ScheduleBackfill> = builder.backfills.toList()

    /** The schedule's memo. */
    public val memo: Map<String, Any?> = LinkedHashMap(builder.memo)

    /** The schedule's search attributes. */
    public val searchAttributes: SearchAttributes = builder.searchAttributes.build()

    /** A builder holding these options. */
    public fun toBuilder(): Builder = Builder().also { builder ->
        builder.triggerImmediately = triggerImmediately
        builder.backfills += backfills
        builder.memo += memo
        builder.searchAttributes = searchAttributes.toBuilder()
    }

    override fun toString(): String =
        "CreateScheduleOptions(triggerImmediately=$triggerImmediately, backfills=$backfills, memo=${memo.keys}, searchAttributes=$searchAttributes)"

    /** Builds [CreateScheduleOptions]. */
    public class Builder internal constructor() {
        internal var triggerImmediately = false
        internal val backfills = ArrayList<ScheduleBackfill>()
        internal val memo = LinkedHashMap<String, Any?>()
        internal var searchAttributes: SearchAttributes.Builder = SearchAttributes.newBuilder()

        /** Takes the action once right after creating the schedule. */
        public fun triggerImmediately(trigger: Boolean): Builder = apply { triggerImmediately = trigger }

        /** Adds a range to backfill right after creating the schedule. */
        public fun addBackfill(backfill: ScheduleBackfill): Builder = apply { backfills += backfill }

        /** Adds the memo entry [key] with [value]. */
        public fun memo(key: String, value: Any?): Builder = apply { memo[key] = value }

        /** Replaces the search attributes. */
        public fun searchAttributes(attributes: SearchAttributes): Builder = apply { searchAttributes = attributes.toBuilder() }

        /** Sets the search attribute [key] to [value]. */
        public fun <T : Any> searchAttribute(key: SearchAttributeKey<T>, value: T): Builder = apply { searchAttributes.set(key, value) }

        /** Creates the options. */
        public fun build(): CreateScheduleOptions = CreateScheduleOptions(this)
    }

    /** Factories. */
    public companion object {
        /** An empty builder. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        /** No extras. */
        @JvmStatic
        public fun defaults(): CreateScheduleOptions = newBuilder().build()
    }
}
