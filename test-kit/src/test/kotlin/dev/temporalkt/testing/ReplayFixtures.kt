package dev.temporalkt.testing

import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.testing.examples.ComposeGreetingInput
import dev.temporalkt.testing.examples.GreetingActivities
import dev.temporalkt.testing.junit5.TemporalExtension
import dev.temporalkt.testing.kotest.TemporalSpecExtension
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIf
import org.junit.jupiter.api.extension.RegisterExtension
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Stands for the code of [ChangingWorkflow] being edited between a run and its replay. */
object ChangingCode {
    @Volatile
    var version: Int = 1
}

/** Sleeps 10 ms in version 1 of its code; calls an activity instead in version 2: a change that breaks replay. */
@dev.temporalkt.workflow.Workflow(name = "Changing")
class ChangingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        if (ChangingCode.version == 1) {
            Workflow.sleep(10.milliseconds)
        } else {
            Workflow.executeActivity(
                GreetingActivities::composeGreeting, ComposeGreetingInput("Hello", name),
                options = ActivityOptions(startToCloseTimeout = 10.seconds),
            )
        }
        return "done for $name"
    }
}

/**
 * Run by [ReplayCheckTest] through the JUnit Platform launcher (surefire does not select it): the first test runs the
 * workflow with version 1 and "edits" the code before it ends, so the replay check after it must fail the test; the
 * second one leaves the code alone.
 */
@EnabledIf("dev.temporalkt.testing.FixtureRuns#getActive")
class ReplayCheckJUnitFixture {
    companion object {
        @JvmField
        @RegisterExtension
        val temporal = TemporalExtension(WorkflowTestOptions(workflows = listOf(ChangingWorkflow::class), activities = listOf(GreetingActivities())))
    }

    @Test
    fun codeChangedAfterTheRun(test: TemporalTestContext) = runBlocking {
        ChangingCode.version = 1
        assertEquals("done for ada", test.client.executeWorkflow(ChangingWorkflow::run, "ada", test.workflowOptions("changing")))
        ChangingCode.version = 2
    }

    @Test
    fun codeUnchanged(test: TemporalTestContext) = runBlocking {
        ChangingCode.version = 1
        assertEquals("done for bob", test.client.executeWorkflow(ChangingWorkflow::run, "bob", test.workflowOptions("unchanged")))
    }
}

/** The same as [ReplayCheckJUnitFixture], as a Kotest spec with the Kotest extension. */
class ReplayCheckKotestFixture : FunSpec({
    val temporal = install(TemporalSpecExtension()) {
        workflows(ChangingWorkflow::class)
        activities(GreetingActivities())
    }

    test("code changed after the run").config(enabledIf = { FixtureRuns.active }) {
        ChangingCode.version = 1
        temporal.client.executeWorkflow(ChangingWorkflow::run, "ada", temporal.workflowOptions("changing")) shouldBe "done for ada"
        ChangingCode.version = 2
    }

    test("code unchanged").config(enabledIf = { FixtureRuns.active }) {
        ChangingCode.version = 1
        temporal.client.executeWorkflow(ChangingWorkflow::run, "bob", temporal.workflowOptions("unchanged")) shouldBe "done for bob"
    }
})
