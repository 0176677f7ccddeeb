package dev.temporalkt.testing.internal

import java.util.ArrayDeque

/**
 * Keeps the last [capacity] lines written by a child process, so a failed start can show what the
 * process said before it died or hung. Thread-safe: one reader thread appends, any thread reads.
 */
internal class OutputTail(private val capacity: Int = DEFAULT_CAPACITY) {
    private val lines = ArrayDeque<String>(capacity)

    fun append(line: String) {
        synchronized(lines) {
            if (lines.size == capacity) lines.removeFirst()
            lines.addLast(line)
        }
    }

    /** The retained lines joined with newlines, or a placeholder when the process printed nothing. */
    fun render(): String = synchronized(lines) {
        if (lines.isEmpty()) "<no output>" else lines.joinToString(separator = "\n")
    }

    fun contains(text: String): Boolean = synchronized(lines) { lines.any { text in it } }

    private companion object {
        const val DEFAULT_CAPACITY = 60
    }
}
