package dev.temporalkt.testing

import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.platform.launcher.listeners.TestExecutionSummary

/**
 * The replay check of the extensions catches workflow code changed between a run and its replay, names the event, and
 * fails that test only.
 */
class ReplayCheckTest {
    @AfterEach
    fun restoreCode() {
        ChangingCode.version = 1
    }

    @Test
    fun `the JUnit extension fails the test whose workflow no longer replays`() {
        val summary = run(ReplayCheckJUnitFixture::class.java)
        assertEquals(2, summary.testsStartedCount)
        assertEquals(1, summary.testsSucceededCount)
        val failure = summary.failures.single()
        assertEquals("codeChangedAfterTheRun(TemporalTestContext)", failure.testIdentifier.displayName)
        assertReplayFailure(failure.exception)
    }

    @Test
    fun `the Kotest extension fails the test whose workflow no longer replays`() {
        val summary = run(ReplayCheckKotestFixture::class.java)
        assertEquals(2, summary.testsStartedCount)
        assertEquals(1, summary.testsSucceededCount)
        val failure = summary.failures.single()
        assertEquals("code changed after the run", failure.testIdentifier.displayName)
        assertReplayFailure(failure.exception)
    }

    private fun assertReplayFailure(exception: Throwable) {
        val error = assertInstanceOf(AssertionError::class.java, exception)
        val message = error.message!!
        assertTrue(message.startsWith("The replay check found non-deterministic workflow code"), message)
        assertTrue("Non-deterministic workflow 'Changing'" in message, message)
        // the recorded event, and the command the changed code produced instead
        assertTrue(Regex("history event \\d+ is TimerStarted").containsMatchIn(message), message)
        assertTrue("ScheduleActivity(seq 1, activity type 'composeGreeting'" in message, message)
    }

    private fun run(fixture: Class<*>): TestExecutionSummary = FixtureRuns.run(fixture)
}
