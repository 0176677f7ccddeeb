package example

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable
import org.junit.jupiter.api.Test
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.seconds

@Serializable
data class Greeting(val text: String)

class GreetingActivities {
    @Activity
    suspend fun greet(name: String): Greeting = Greeting("Hello, $name!")
}

@Workflow
class GreetingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): Greeting {
        delay(1.days)
        return Workflow.executeActivity(GreetingActivities::greet, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }
}

class GreetingTest {
    @Test
    fun `a workflow with a timer and an activity runs with kotest assertions on the classpath`(): Unit = runBlocking {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            Worker(env.client, "greetings", workflows = listOf(GreetingWorkflow::class), activities = listOf(GreetingActivities())).start().use {
                env.client.executeWorkflow(GreetingWorkflow::run, "Ada", WorkflowOptions(id = "greeting", taskQueue = "greetings")) shouldBe
                    Greeting("Hello, Ada!")
            }
        }
    }
}
