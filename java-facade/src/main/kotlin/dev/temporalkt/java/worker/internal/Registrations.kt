@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.worker.internal

import dev.temporalkt.activity.internal.ActivityDefinition
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.activity.internal.JavaActivityDefinitions
import dev.temporalkt.java.workflow.internal.JavaReflection
import dev.temporalkt.java.workflow.internal.JavaWorkflowDefinitions
import dev.temporalkt.workflow.internal.WorkflowDefinition
import kotlin.reflect.KClass

/**
 * The workflows and activities a Java-built worker or replayer registers, sorted by the surface that reads them:
 * classes compiled from Kotlin (they carry Kotlin's metadata) go to the Kotlin runtime, which reads them with
 * kotlin-reflect as a Kotlin worker does; Java classes and objects are read with `java.lang.reflect` into definitions
 * of the same runtime, so a Java-only application never loads kotlin-reflect.
 */
internal class Registrations(workflowClasses: List<Class<*>>, activities: List<Any>) {
    val kotlinWorkflows: List<KClass<*>>
    val javaWorkflows: List<WorkflowDefinition>
    val kotlinActivities: List<Any>
    val javaActivities: List<ActivityDefinition>

    init {
        val (kotlinClasses, javaClasses) = workflowClasses.partition(JavaReflection::isKotlinClass)
        kotlinWorkflows = kotlinClasses.map { it.kotlin }
        javaWorkflows = javaClasses.map(JavaWorkflowDefinitions::of)
        val (kotlinObjects, javaObjects) = activities.partition { it is Function<*> || JavaReflection.isKotlinClass(it.javaClass) }
        kotlinActivities = kotlinObjects
        val problems = mutableListOf<String>()
        javaActivities = javaObjects.flatMap { activity ->
            if (activity is Class<*>) {
                problems += "${activity.name} is a class: register an instance of it (new ${activity.simpleName}(...)) so its " +
                    "@Activity methods have an object to run on"
                emptyList()
            } else {
                JavaActivityDefinitions.of(activity, problems)
            }
        }
        require(problems.isEmpty()) { "Invalid activity registration:\n" + problems.joinToString("\n") { " - $it" } }
    }
}
