package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.time.Instant

/** A Markdown table of results, printed and appended to `target/benchmark-results/<workload>.md`. */
class ResultTable(private val title: String, private val columns: List<String>) {
    private val rows = mutableListOf<List<String>>()

    fun add(vararg cells: Any?) {
        require(cells.size == columns.size) { "row has ${cells.size} cells, table has ${columns.size} columns" }
        rows += cells.map { format(it) }
    }

    fun render(): String = buildString {
        appendLine("### $title")
        appendLine()
        appendLine(columns.joinToString(" | ", "| ", " |"))
        appendLine(columns.joinToString(" | ", "| ", " |") { "---" })
        rows.forEach { appendLine(it.joinToString(" | ", "| ", " |")) }
    }

    fun publish(workload: String) {
        val text = render()
        println()
        println(text)
        val dir = Files.createDirectories(BenchmarkPaths.target.resolve("benchmark-results"))
        Files.writeString(
            dir.resolve("$workload.md"),
            "<!-- ${Instant.now()} -->\n$text\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        )
    }

    private fun format(value: Any?): String = when (value) {
        null -> "–"
        is Double -> if (value == Math.rint(value) && Math.abs(value) < 1e12) "%,d".format(value.toLong()) else if (value >= 100) "%,.0f".format(value) else if (value >= 10) "%.1f".format(value) else "%.3f".format(value)
        is Long, is Int -> "%,d".format(value)
        else -> value.toString()
    }
}
