package dev.temporalkt.buildchecks

/**
 * A unified diff of two texts by lines (longest common subsequence), with [context] unchanged lines around each
 * change: `-` lines are only in [old], `+` lines only in [new]. Empty when the texts are equal.
 */
object LineDiff {
    fun unified(old: String, new: String, oldName: String, newName: String, context: Int = 2): String {
        val a = old.removeSuffix("\n").lines()
        val b = new.removeSuffix("\n").lines()
        if (a == b) return ""
        // The common prefix and suffix are trimmed first, so the quadratic table covers only the changed middle.
        var prefix = 0
        while (prefix < a.size && prefix < b.size && a[prefix] == b[prefix]) prefix++
        var suffix = 0
        while (suffix < a.size - prefix && suffix < b.size - prefix && a[a.size - 1 - suffix] == b[b.size - 1 - suffix]) suffix++
        val midA = a.subList(prefix, a.size - suffix)
        val midB = b.subList(prefix, b.size - suffix)
        val lcs = Array(midA.size + 1) { IntArray(midB.size + 1) }
        for (i in midA.indices.reversed()) {
            for (j in midB.indices.reversed()) {
                lcs[i][j] = if (midA[i] == midB[j]) lcs[i + 1][j + 1] + 1 else maxOf(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        // Each line of the whole texts as an operation: ' ' kept, '-' removed, '+' added, with its line numbers.
        class Op(val kind: Char, val text: String, val oldLine: Int, val newLine: Int)
        val ops = mutableListOf<Op>()
        for (k in 0 until prefix) ops += Op(' ', a[k], k, k)
        var i = 0
        var j = 0
        while (i < midA.size || j < midB.size) {
            when {
                i < midA.size && j < midB.size && midA[i] == midB[j] -> { ops += Op(' ', midA[i], prefix + i, prefix + j); i++; j++ }
                i < midA.size && (j == midB.size || lcs[i + 1][j] >= lcs[i][j + 1]) -> { ops += Op('-', midA[i], prefix + i, prefix + j); i++ }
                else -> { ops += Op('+', midB[j], prefix + i, prefix + j); j++ }
            }
        }
        for (k in 0 until suffix) ops += Op(' ', a[a.size - suffix + k], a.size - suffix + k, b.size - suffix + k)

        val out = StringBuilder("--- $oldName\n+++ $newName\n")
        var start = 0
        while (start < ops.size) {
            val firstChange = (start until ops.size).firstOrNull { ops[it].kind != ' ' } ?: break
            var end = firstChange // exclusive end of the hunk's changes, merging changes closer than 2 * context
            var k = firstChange
            while (k < ops.size) {
                if (ops[k].kind != ' ') {
                    end = k + 1
                } else if (k - end >= 2 * context) {
                    break
                }
                k++
            }
            val from = maxOf(start, firstChange - context)
            val to = minOf(ops.size, end + context)
            val hunk = ops.subList(from, to)
            val oldCount = hunk.count { it.kind != '+' }
            val newCount = hunk.count { it.kind != '-' }
            out.append("@@ -${hunk.first().oldLine + 1},$oldCount +${hunk.first().newLine + 1},$newCount @@\n")
            for (op in hunk) out.append(op.kind).append(op.text).append('\n')
            start = to
        }
        return out.toString()
    }
}
