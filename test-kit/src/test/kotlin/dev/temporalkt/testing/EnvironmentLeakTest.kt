package dev.temporalkt.testing

import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.testing.examples.MonthlyReminderWorkflow
import dev.temporalkt.testing.junit5.TemporalExtension
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIf
import org.junit.jupiter.api.extension.RegisterExtension
import java.net.ConnectException
import java.net.InetSocketAddress
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Twenty environments of both kinds, started and closed one after the other, four of them by the extension around
 * failing tests, leave no child process and no listening port behind.
 */
class EnvironmentLeakTest {
    @Test
    fun `twenty environments leave no child process and no listening port behind`() {
        SharedServers.devServer() // the JVM's dev server (the extension's local environments use it) stays up
        val processesBefore = descendants()
        val ports = ArrayList<Int>()
        repeat(16) { i ->
            val env = runBlocking {
                when (i % 4) {
                    0 -> WorkflowEnvironment.startTimeSkipping()
                    1 -> WorkflowEnvironment.startTimeSkipping(mode = EmbeddedTestServer.Mode.CHILD_JVM)
                    else -> WorkflowEnvironment.startLocal()
                }
            }
            env.use {
                ports += port(it)
                runBlocking { it.client.connection.systemInfo() }
            }
        }
        FailingTestsFixture.ports.clear()
        repeat(2) {
            for (fixture in listOf(FailingTestsFixture::class.java, FailingLocalTestsFixture::class.java)) {
                val summary = run(fixture)
                val report = java.io.StringWriter().also { summary.printFailuresTo(java.io.PrintWriter(it), 20) }
                assertEquals(1, summary.testsFailedCount, "the fixture's test fails: $report")
                assertEquals("deliberately", summary.failures.single().exception.message)
            }
        }
        assertEquals(2, FailingTestsFixture.ports.size)
        ports += FailingTestsFixture.ports

        assertEquals(processesBefore, descendants(), "child processes left behind")
        for (port in ports) {
            assertThrows(ConnectException::class.java, { Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 2_000) } }) {
                "port $port still listens"
            }
        }
    }

    private fun descendants(): Set<Long> = ProcessHandle.current().descendants().filter { it.isAlive }.map { it.pid() }.toList().toSet()

    private fun run(fixture: Class<*>) = FixtureRuns.run(fixture)

    companion object {
        fun port(env: WorkflowEnvironment): Int = env.client.connection.options.target.substringAfterLast(':').toInt()
    }
}

/** Run by [EnvironmentLeakTest]: a time-skipping environment of its own around a test that fails with a workflow open. */
@EnabledIf("dev.temporalkt.testing.FixtureRuns#getActive")
class FailingTestsFixture {
    companion object {
        val ports: MutableList<Int> = CopyOnWriteArrayList()

        @JvmField
        @RegisterExtension
        val temporal = TemporalExtension(WorkflowTestOptions(workflows = listOf(MonthlyReminderWorkflow::class)))
    }

    @Test
    fun failsWithAWorkflowRunning(test: TemporalTestContext): Unit = runBlocking {
        ports += EnvironmentLeakTest.port(test.environment)
        test.client.startWorkflow(MonthlyReminderWorkflow::run, "ada", test.workflowOptions())
        fail("deliberately")
    }
}

/** Run by [EnvironmentLeakTest]: a local environment around a test that fails with a workflow open. */
@EnabledIf("dev.temporalkt.testing.FixtureRuns#getActive")
class FailingLocalTestsFixture {
    companion object {
        @JvmField
        @RegisterExtension
        val temporal = TemporalExtension(
            WorkflowTestOptions(workflows = listOf(MonthlyReminderWorkflow::class), server = TestServer.LOCAL),
        )
    }

    @Test
    fun failsWithAWorkflowRunning(test: TemporalTestContext): Unit = runBlocking {
        test.client.startWorkflow(MonthlyReminderWorkflow::run, "ada", test.workflowOptions())
        fail("deliberately")
    }
}
