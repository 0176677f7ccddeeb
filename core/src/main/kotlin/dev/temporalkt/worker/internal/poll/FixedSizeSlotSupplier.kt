package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.sync.Semaphore
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A [SlotSupplier] with a fixed number of slots, e.g. "at most 100 concurrent activities".
 *
 * @property size the number of slots; must be positive.
 */
@InternalTemporalApi
public class FixedSizeSlotSupplier(public val size: Int) : SlotSupplier {
    init {
        require(size > 0) { "A slot supplier needs at least one slot, was $size; set a positive maximum of concurrent tasks" }
    }

    private val semaphore = Semaphore(size)

    override suspend fun acquire(): SlotPermit {
        semaphore.acquire()
        return Permit()
    }

    override fun tryAcquire(): SlotPermit? = if (semaphore.tryAcquire()) Permit() else null

    override val availableSlots: Int get() = semaphore.availablePermits

    override fun toString(): String = "FixedSizeSlotSupplier(size=$size, available=$availableSlots)"

    private inner class Permit : SlotPermit {
        private val released = AtomicBoolean(false)

        override fun release() {
            if (released.compareAndSet(false, true)) semaphore.release()
        }

        override val isReleased: Boolean get() = released.get()
    }
}
