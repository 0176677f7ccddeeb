@file:JvmName("WorkflowNexusClients")
@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus

import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.Workflow
import kotlin.reflect.KClass

/*
 * Nexus clients for workflow code, as functions of the workflow API (`Workflow.nexusClient(...)`, with
 * `import dev.temporalkt.nexus.nexusClient`). They live beside the Nexus API, which builds on the workflow API.
 */

/**
 * A client for the operations of Nexus service [service] behind endpoint [endpoint]; operation names and types are
 * given per call. Call it from workflow code only.
 *
 * ```kotlin
 * val greeting: String = Workflow.nexusClient(endpoint = "greetings", service = "Greeting")
 *     .executeOperation("sayHello", "Ada")
 * ```
 *
 * @throws IllegalStateException outside workflow code.
 */
public fun Workflow.Companion.nexusClient(endpoint: String, service: String): NexusClient<Any> {
    CurrentWorkflow.get("Workflow.nexusClient")
    return NexusClient(endpoint, service)
}

/**
 * A typed client for the [NexusService] class [service] behind endpoint [endpoint]: operations are referenced as
 * functions of the class, which gives their names and types. Call it from workflow code only.
 *
 * ```kotlin
 * val greetings = Workflow.nexusClient(GreetingService::class, endpoint = "greetings")
 * val hello = greetings.executeOperation(GreetingService::sayHello, "Ada")
 * ```
 *
 * @throws IllegalArgumentException when [service] is not annotated with [NexusService].
 * @throws IllegalStateException outside workflow code.
 */
public fun <S : Any> Workflow.Companion.nexusClient(service: KClass<S>, endpoint: String): NexusClient<S> {
    CurrentWorkflow.get("Workflow.nexusClient")
    return NexusClient.of(service, endpoint)
}
