@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.worker

import dev.temporalkt.client.Client
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.client.TemporalClient
import dev.temporalkt.java.worker.internal.Registrations
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture
import dev.temporalkt.worker.Worker as KotlinWorker

/**
 * Runs Java (and Kotlin) workflows and activities for one task queue: polls the server for tasks, runs workflow code
 * on the deterministic dispatcher and activity methods on the activity executor, and reports the outcomes. It is the
 * Kotlin worker, built from Java: Java workflow classes and activity objects are read with `java.lang.reflect`, and
 * classes compiled from Kotlin are registered as the Kotlin worker registers them, so one task queue can mix both (a
 * Java workflow calling a Kotlin activity or child workflow, and the other way round).
 *
 * ```java
 * TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target("localhost:7233").build()).join();
 * try (Worker worker = Worker.newBuilder(client, "orders")
 *         .addWorkflowClass(OrderWorkflow.class)
 *         .addActivities(new PaymentActivities(gateway))
 *         .build()
 *         .start()) {
 *     Receipt receipt = client.executeWorkflow(OrderWorkflow::run, order, options).join();
 * }
 * ```
 *
 * Everything is checked when the worker is built ([Builder.build]): workflow classes must be valid workflows
 * (see `dev.temporalkt.workflow.WorkflowInterface`), activity objects must have `@Activity` methods, names must be
 * unique, and parameter and result types must be data; problems are reported together in one exception.
 *
 * Shutting down ([shutdown], or [close]) stops polling, lets tasks in progress finish (activities get the graceful
 * shutdown timeout of the options, then are cancelled), evicts cached workflows and tells the server this worker's
 * sticky queue is gone.
 */
public class Worker private constructor(
    /** The Kotlin worker underneath. */
    public val kotlinWorker: KotlinWorker,
) : AutoCloseable {
    /** The task queue this worker polls. */
    public val taskQueue: String get() = kotlinWorker.taskQueue

    /** The worker's deployment version (its build id derived when not given), or `null` for an unversioned worker. */
    public val deploymentVersion: dev.temporalkt.common.WorkerDeploymentVersion? get() = kotlinWorker.deploymentVersion

    /**
     * Checks that the worker can work on its namespace, starts polling and returns this worker, so
     * `Worker.newBuilder(...).build().start()` chains.
     *
     * @throws IllegalStateException when the namespace does not exist on the server or the server refuses the client
     *   access to it; the message names the namespace and the server's address.
     */
    public fun start(): Worker {
        kotlinWorker.start()
        return this
    }

    /** Shuts the worker down as the class documentation describes; the future completes when it is done. */
    public fun shutdown(): CompletableFuture<Void?> = scope.future {
        kotlinWorker.shutdown()
        null
    }

    /**
     * Shuts the worker down, blocking the calling thread until it is done. Throws the worker's [failureCause]
     * (an [IllegalStateException]) when its pollers had stopped for an error no retry can fix, so a
     * try-with-resources block does not end as if all went well.
     */
    override fun close() {
        kotlinWorker.close()
    }

    /**
     * Why the worker stopped working, when its pollers stopped for an error no retry can fix (the namespace deleted,
     * the credentials revoked while it runs); `null` while it works.
     */
    public val failureCause: Throwable? get() = kotlinWorker.failureCause

    override fun toString(): String = "Worker(taskQueue=$taskQueue)"

    /** Builds a [Worker]. */
    public class Builder internal constructor(private val client: Client, private val taskQueue: String) {
        private val workflows = mutableListOf<Class<*>>()
        private val activities = mutableListOf<Any>()
        private val nexusServices = mutableListOf<Any>()
        private var options = WorkerOptions.defaults()

        /**
         * Registers a workflow class: a Java class annotated with `@WorkflowInterface` (or implementing an interface
         * that is), or a Kotlin `@Workflow` class. A new object of it is created for every run.
         */
        public fun addWorkflowClass(workflowClass: Class<*>): Builder = apply { workflows += workflowClass }

        /** Registers each of [workflowClasses]; see [addWorkflowClass]. */
        public fun addWorkflowClasses(vararg workflowClasses: Class<*>): Builder = apply { workflows.addAll(workflowClasses) }

        /**
         * Registers the activities of [activityObjects]: for each object, every public method annotated with `@Activity`
         * (dev.temporalkt.activity.Activity), or annotated on an interface it implements, called on that object (so its
         * dependencies come through its constructor). Objects of Kotlin classes are registered as the Kotlin worker
         * registers them (`suspend` functions included).
         *
         * (Each of [activityObjects] is registered.)
         */
        public fun addActivities(vararg activityObjects: Any): Builder = apply { activities.addAll(activityObjects) }

        /**
         * Registers Nexus service handlers: objects of classes annotated with `@NexusService`
         * (dev.temporalkt.nexus.NexusService) whose public methods annotated with `@NexusOperation` are the service's
         * operations. A method takes the operation's input as its only parameter (or none) and returns the result (a
         * synchronous operation) or a [dev.temporalkt.nexus.WorkflowRunOperation] built with
         * [dev.temporalkt.java.nexus.WorkflowRunOperations] (an operation run as a workflow). The services are served on
         * this worker's task queue: point a Nexus endpoint's worker target at it.
         *
         * ```java
         * Worker.newBuilder(client, "greetings").addWorkflowClass(GreetingWorkflow.class)
         *     .addNexusServices(new GreetingService()).build().start();
         * ```
         */
        public fun addNexusServices(vararg serviceHandlers: Any): Builder = apply { nexusServices.addAll(serviceHandlers) }

        /** Sets the worker's options. */
        public fun options(options: WorkerOptions): Builder = apply { this.options = options }

        /**
         * Creates the worker (not started yet).
         *
         * @throws IllegalArgumentException or [dev.temporalkt.workflow.internal.WorkflowDefinitionException] when a
         *   workflow class, activity object or Nexus service is invalid, naming every problem found, or nothing was registered.
         */
        public fun build(): Worker {
            val registrations = Registrations(workflows, activities)
            return Worker(
                KotlinWorker(
                    client, taskQueue, registrations.kotlinWorkflows, registrations.kotlinActivities, options.kotlin,
                    nexusServices.toList(), registrations.javaWorkflows, registrations.javaActivities,
                ),
            )
        }
    }

    /** Factories. */
    public companion object {
        private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("temporal-kt-java-worker"))

        /** A builder of a worker of [client] (its connection, namespace and data converter) for [taskQueue]. */
        @JvmStatic
        public fun newBuilder(client: TemporalClient, taskQueue: String): Builder = Builder(client.kotlinClient, taskQueue)

        /**
         * A builder of a worker of the Kotlin [client] for [taskQueue]; its data converter takes Java types through their
         * `java.lang.reflect.Type`, as the Java client's does.
         */
        @JvmStatic
        public fun newBuilder(client: Client, taskQueue: String): Builder = Builder(TemporalClient.of(client).kotlinClient, taskQueue)
    }
}
