package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi

/**
 * Hands out permission to take one more task from a task queue. A poller acquires a slot *before* it polls, so a
 * worker never receives a task it has no capacity to run; the slot is released when the task's handling ends.
 */
@InternalTemporalApi
public interface SlotSupplier {
    /** Suspends until a slot is free and takes it. Cancellable: a cancelled wait takes no slot. */
    public suspend fun acquire(): SlotPermit

    /** Takes a slot if one is free right now, else returns `null`. */
    public fun tryAcquire(): SlotPermit?

    /** How many slots are free right now (informational). */
    public val availableSlots: Int
}

/** One taken slot. [release] gives it back; calling it again does nothing. */
@InternalTemporalApi
public interface SlotPermit {
    /** Gives the slot back. Idempotent. */
    public fun release()

    /** Whether [release] has been called. */
    public val isReleased: Boolean
}
