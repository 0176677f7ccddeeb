package dev.temporalkt.failure.internal

/**
 * Writes JVM stack traces into the text form carried by `Failure.stack_trace` and reads such text back.
 *
 * Written form: one frame per line, `declaring.Class.method(File.kt:12)`, lines separated by `\n`
 * (`(Unknown Source)` without a file, `(File.kt)` without a line, `(Native Method)` for native frames):
 * the format of `StackTraceElement.toString()` without module or class-loader prefixes, which is also what
 * the Java SDK writes.
 */
internal object FailureStackTraces {
    /** Name used as the declaring class of synthetic frames when the producing SDK did not name itself. */
    const val UNNAMED_SOURCE: String = "remote"

    private val hiddenClassSuffix = Regex("/0x[0-9a-fA-F]+$")

    private val framePattern = Regex("""^\s*(?:at\s+)?([^\s(]+)\.([^.(]+)\((.*)\)\s*$""")

    fun serialize(frames: Array<StackTraceElement>): String = frames.joinToString("\n") { frame ->
        buildString {
            append(frame.className).append('.').append(frame.methodName).append('(')
            when {
                frame.isNativeMethod -> append("Native Method")
                frame.fileName == null -> append("Unknown Source")
                frame.lineNumber >= 0 -> append(frame.fileName).append(':').append(frame.lineNumber)
                else -> append(frame.fileName)
            }
            append(')')
        }
    }

    /**
     * Frames for [text]: parsed JVM frames when every non-blank line is one, otherwise one synthetic frame
     * per non-blank line whose declaring class is [source] (or [UNNAMED_SOURCE]) and whose method is the
     * line's text.
     */
    fun parse(text: String, source: String): Array<StackTraceElement> {
        val lines = text.lines().filter { it.isNotBlank() }
        if (lines.isEmpty()) return emptyArray()
        val parsed = lines.map { parseFrame(it) }
        if (parsed.all { it != null }) return parsed.map { it!! }.toTypedArray()
        val declaring = source.ifBlank { UNNAMED_SOURCE }
        return lines.map { StackTraceElement(declaring, it.trim(), null, -1) }.toTypedArray()
    }

    private fun parseFrame(line: String): StackTraceElement? {
        val match = framePattern.matchEntire(line) ?: return null
        val (qualifiedName, methodName, location) = match.destructured
        // `StackTraceElement.toString()` may prefix the class with `loader/module@version/`; hidden classes
        // (lambdas) end in `/0x<address>`, which is part of their name.
        val hiddenSuffix = hiddenClassSuffix.find(qualifiedName)?.value.orEmpty()
        val className = qualifiedName.removeSuffix(hiddenSuffix).substringAfterLast('/') + hiddenSuffix
        if (className == hiddenSuffix) return null
        return when {
            location == "Native Method" -> StackTraceElement(className, methodName, null, -2)
            location == "Unknown Source" || location.isEmpty() -> StackTraceElement(className, methodName, null, -1)
            else -> {
                val colon = location.lastIndexOf(':')
                val lineNumber = if (colon > 0) location.substring(colon + 1).toIntOrNull() else null
                if (lineNumber != null) {
                    StackTraceElement(className, methodName, location.substring(0, colon), lineNumber)
                } else {
                    StackTraceElement(className, methodName, location, -1)
                }
            }
        }
    }
}
