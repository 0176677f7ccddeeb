package dev.temporalkt.workflow.internal

import java.util.UUID
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

    /** A random (version 4) UUID drawn from this generator, so it is the same on replay. */
    fun uuid4(): UUID {
        val bytes = nextBytes(16)
        bytes[6] = ((bytes[6].toInt() and 0x0f) or 0x40).toByte()
        bytes[8] = ((bytes[8].toInt() and 0x3f) or 0x80).toByte()
        var msb = 0L
        var lsb = 0L
        for (i in 0 until 8) msb = (msb shl 8) or (bytes[i].toLong() and 0xff)
        for (i in 8 until 16) lsb = (lsb shl 8) or (bytes[i].toLong() and 0xff)
        return UUID(msb, lsb)
    }
}
