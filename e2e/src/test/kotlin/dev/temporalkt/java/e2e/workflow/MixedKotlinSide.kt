package dev.temporalkt.java.e2e.workflow

import dev.temporalkt.activity.Activity
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlin.time.Duration.Companion.seconds

/*
 * The Kotlin half of MixedWorkerTest: a Kotlin activity class (one blocking function Java code references by method,
 * one suspend function it calls by name) and a Kotlin workflow that calls a Java activity.
 */

/** A value passed from Java to Kotlin and back, converted on each side by its own converter. */
data class KotlinGreeting(val text: String, val by: String)

class KotlinGreetings {
    @Activity
    fun greet(name: String): KotlinGreeting = KotlinGreeting("Hello, $name", by = "a Kotlin activity")

    @Activity(name = "shout")
    suspend fun shout(text: String): String = text.uppercase()
}

@Workflow(name = "KotlinChildGreeting")
class KotlinChildWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        val waved = Workflow.executeActivity(
            MixedWorkerTest.JavaActivities::wave, MixedWorkerTest.Wave(name, 2),
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
        return "a Kotlin child got '$waved'"
    }
}
