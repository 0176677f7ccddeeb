package dev.temporalkt.workflow.internal

import kotlin.random.Random

/**
 * The deterministic random generator of a run: seeded from the run's start event and re-seeded when the
 * run is reset, while user code may keep a reference to this one object.
 */
internal class ReseedableRandom(seed: Long) : Random() {
    private var delegate: Random = Random(seed)

    fun reseed(seed: Long) {
        delegate = Random(seed)
    }

    override fun nextBits(bitCount: Int): Int = delegate.nextBits(bitCount)
}
