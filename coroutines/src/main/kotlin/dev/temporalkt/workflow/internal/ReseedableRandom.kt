package dev.temporalkt.workflow.internal

import kotlin.random.Random

/**
 * The deterministic random generator of a run: seeded from the run's start event and re-seeded when the
 * run is reset, while user code may keep a reference to this one object. The generator itself is created on first
 * use, so a cached run that never draws a number holds only its seed.
 */
internal class ReseedableRandom(private var seed: Long) : Random() {
    private var delegate: Random? = null

    fun reseed(seed: Long) {
        this.seed = seed
        delegate = null
    }

    override fun nextBits(bitCount: Int): Int = (delegate ?: Random(seed).also { delegate = it }).nextBits(bitCount)
}
