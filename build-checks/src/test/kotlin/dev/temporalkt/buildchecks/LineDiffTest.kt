package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class LineDiffTest {
    @Test
    fun `equal texts have no diff`() {
        assertEquals("", LineDiff.unified("a\nb\n", "a\nb\n", "old", "new"))
    }

    @Test
    fun `shows changes with two lines of context, in separate hunks when far apart`() {
        val old = (1..12).joinToString("\n") { "line $it" } + "\n"
        val new = old.replace("line 3\n", "line 3\nadded\n").replace("line 11\n", "")
        assertEquals(
            """
            --- old
            +++ new
            @@ -2,4 +2,5 @@
             line 2
             line 3
            +added
             line 4
             line 5
            @@ -9,4 +10,3 @@
             line 9
             line 10
            -line 11
             line 12
            """.trimIndent() + "\n",
            LineDiff.unified(old, new, "old", "new"),
        )
    }

    @Test
    fun `merges changes that are close`() {
        assertEquals(
            "--- old\n+++ new\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n",
            LineDiff.unified("a\nb\nc\nd", "A\nb\nc\nD", "old", "new"),
        )
    }
}
