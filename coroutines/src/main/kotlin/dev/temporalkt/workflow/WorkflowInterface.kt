package dev.temporalkt.workflow

import dev.temporalkt.common.VersioningBehavior
import kotlin.reflect.KClass

/**
 * Marks a Java class (or an interface it implements) as a Temporal workflow: the same as [Workflow], under a name that
 * leaves `Workflow` free for the static workflow API of Java code, `dev.temporalkt.java.workflow.Workflow`. A Java
 * workflow file imports the method annotations ([WorkflowRun], [Signal], [Query], [Update], [UpdateValidator],
 * [WorkflowInit]) from this package, as Kotlin workflows do, and calls `Workflow.sleep(...)`,
 * `Workflow.executeActivity(...)` and the rest as static methods:
 *
 * ```java
 * import dev.temporalkt.java.workflow.Workflow;
 * import dev.temporalkt.workflow.WorkflowInterface;
 * import dev.temporalkt.workflow.WorkflowRun;
 *
 * @WorkflowInterface(name = "Greeting")
 * public class GreetingWorkflow {
 *     @WorkflowRun
 *     public CompletableFuture<String> run(String name) {
 *         return Workflow.sleep(Duration.ofMinutes(1)).thenApply(ignored -> "Hello, " + name);
 *     }
 * }
 * ```
 *
 * The annotation may sit on the class or on an interface it implements (which a client can then use to name the
 * workflow and its handlers by method reference). Clients, workers and the replayer accept it wherever they accept
 * [Workflow]; a class carries one of the two, not both.
 *
 * @property name the workflow type name; empty means the simple name of the annotated class or interface.
 * @property description shown by tooling that lists workflows.
 * @property dynamic whether this workflow runs for every workflow type without a definition of its own; its run
 *   method takes `(List<RawValue> args)`.
 * @property failureExceptionTypes exception types that fail the execution instead of the workflow task.
 * @property versioningBehavior how runs of this workflow move between worker deployment versions when the worker opts
 *   into versioning ([dev.temporalkt.worker.WorkerDeploymentOptions]): [VersioningBehavior.PINNED] runs stay on the
 *   version that started them, [VersioningBehavior.AUTO_UPGRADE] runs move to the current version;
 *   [VersioningBehavior.UNSPECIFIED] takes the worker's default. A dynamic workflow may choose per run with
 *   `Workflow.setVersioningBehavior`.
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class WorkflowInterface(
    val name: String = "",
    val description: String = "",
    val dynamic: Boolean = false,
    val failureExceptionTypes: Array<KClass<out Throwable>> = [],
    val versioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
)
