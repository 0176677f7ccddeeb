package dev.temporalkt.reliability

import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption

/**
 * An append-only file of executions, one line each, written by activities in any JVM (the test's or a worker's):
 * every line is appended with one `write` on a file opened in append mode, so lines of concurrent writers never mix.
 * It survives a worker JVM killed with SIGKILL, which is what makes it the witness of what ran.
 */
class ExecutionLog(val file: Path) {
    init {
        if (!Files.exists(file)) Files.createFile(file)
    }

    /** Appends [entry] (no line breaks) as one line. */
    fun record(entry: String) {
        require('\n' !in entry) { "an execution log entry is one line, was '$entry'" }
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND).use { channel ->
            val bytes = ByteBuffer.wrap("$entry\n".toByteArray())
            while (bytes.hasRemaining()) channel.write(bytes)
        }
    }

    /** The complete lines recorded so far (a line still being written is left out). */
    fun entries(): List<String> {
        val text = Files.readString(file)
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().filter { it.isNotEmpty() }
    }

    /** How often each entry was recorded. */
    fun counts(): Map<String, Int> = entries().groupingBy { it }.eachCount()
}
