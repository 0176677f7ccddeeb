package dev.temporalkt.worker.internal.replay

/**
 * The randomness seed a run starts with, derived from a run id exactly as the shared Rust core of the
 * other Temporal SDKs derives it: SipHash-1-3 with an all-zero key over the UTF-8 bytes of the id
 * followed by one `0xFF` byte (how Rust hashes a `str`). Workflows replayed from histories written by
 * those SDKs therefore draw the same random numbers.
 */
internal object RandomnessSeed {
    fun of(runId: String): Long = sipHash13(runId.toByteArray(Charsets.UTF_8) + byteArrayOf(0xFF.toByte()))

    private fun sipHash13(data: ByteArray): Long {
        var v0 = 0x736f6d6570736575L
        var v1 = 0x646f72616e646f6dL
        var v2 = 0x6c7967656e657261L
        var v3 = 0x7465646279746573L

        fun round() {
            v0 += v1; v1 = java.lang.Long.rotateLeft(v1, 13); v1 = v1 xor v0; v0 = java.lang.Long.rotateLeft(v0, 32)
            v2 += v3; v3 = java.lang.Long.rotateLeft(v3, 16); v3 = v3 xor v2
            v0 += v3; v3 = java.lang.Long.rotateLeft(v3, 21); v3 = v3 xor v0
            v2 += v1; v1 = java.lang.Long.rotateLeft(v1, 17); v1 = v1 xor v2; v2 = java.lang.Long.rotateLeft(v2, 32)
        }

        val fullWords = data.size / 8
        for (w in 0 until fullWords) {
            var m = 0L
            for (b in 7 downTo 0) m = (m shl 8) or (data[w * 8 + b].toLong() and 0xFF)
            v3 = v3 xor m
            round()
            v0 = v0 xor m
        }
        var last = (data.size.toLong() and 0xFF) shl 56
        val rest = data.size - fullWords * 8
        for (b in 0 until rest) last = last or ((data[fullWords * 8 + b].toLong() and 0xFF) shl (8 * b))
        v3 = v3 xor last
        round()
        v0 = v0 xor last
        v2 = v2 xor 0xFF
        repeat(3) { round() }
        return v0 xor v1 xor v2 xor v3
    }
}
