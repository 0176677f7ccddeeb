@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.metrics

import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.worker.internal.poll.SlotPermit
import dev.temporalkt.worker.internal.poll.SlotSupplier
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * [delegate] reporting, whenever a slot is taken or given back, how many are free and taken in the
 * `temporal_worker_task_slots_available` / `_used` gauges with `worker_type` [workerType].
 */
internal class MeteredSlotSupplier(
    private val delegate: SlotSupplier,
    workerType: String,
    private val available: MetricGauge,
    private val used: MetricGauge,
) : SlotSupplier {
    private val attributes = mapOf(WorkerMetrics.WORKER_TYPE to workerType)
    private val taken = AtomicInteger()

    init {
        report(0)
    }

    override suspend fun acquire(): SlotPermit = Metered(delegate.acquire())

    override fun tryAcquire(): SlotPermit? = delegate.tryAcquire()?.let(::Metered)

    override val availableSlots: Int get() = delegate.availableSlots

    private fun report(nowTaken: Int) {
        available.set(delegate.availableSlots.toDouble(), attributes)
        used.set(nowTaken.toDouble(), attributes)
    }

    private inner class Metered(private val permit: SlotPermit) : SlotPermit {
        init {
            report(taken.incrementAndGet())
        }

        private val released = AtomicBoolean(false)

        override fun release() {
            if (!released.compareAndSet(false, true)) return
            permit.release()
            report(taken.decrementAndGet())
        }

        override val isReleased: Boolean get() = permit.isReleased
    }
}
