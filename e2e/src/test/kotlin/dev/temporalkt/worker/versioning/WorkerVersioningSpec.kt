@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.versioning

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.deployment.WorkerDeploymentVersionStatus
import dev.temporalkt.client.deployment.describeWorkerDeployment
import dev.temporalkt.client.deployment.describeWorkerDeploymentVersion
import dev.temporalkt.client.deployment.listWorkerDeployments
import dev.temporalkt.client.deployment.setWorkerDeploymentCurrentVersion
import dev.temporalkt.client.deployment.setWorkerDeploymentRampingVersion
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.VersioningOverride
import dev.temporalkt.common.WorkflowVersioningInfo
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.failure.RpcException
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerDeploymentOptions
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlin.reflect.KClass
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * A rolling deployment of two worker versions (v1, v2) of the deployment "checkout" on one task queue, each its own
 * [Worker] in this JVM, on a dev server of their own ([VersioningDevServer]). Pinned runs finish on the version that started them, auto-upgrading
 * runs move to the new current version, a 50 % ramp splits new runs, and continue-as-new with AUTO_UPGRADE moves a
 * pinned chain to the new version; a start option pins a new run to the old version. No workflow task fails anywhere, and every history replays with the code of the
 * version that wrote it.
 */
class WorkerVersioningSpec : FunSpec({
    lateinit var client: Client

    beforeSpec {
        val server = VersioningDevServer.server
        client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
    }
    afterSpec { client.connection.close() }

    test("a rollout from v1 to v2: pinned runs stay, auto-upgrade runs move, a ramp splits new runs, continue-as-new upgrades") {
        val queue = "checkout-versioned"
        val v1 = WorkerDeploymentVersion("checkout", "v1")
        val v2 = WorkerDeploymentVersion("checkout", "v2")
        fun worker(version: WorkerDeploymentVersion, workflows: List<KClass<*>>) = Worker(
            client, queue, workflows = workflows,
            options = WorkerOptions(deploymentOptions = WorkerDeploymentOptions(version.deploymentName, version.buildId)),
        )
        val handles = mutableListOf<WorkflowHandle<String>>()
        suspend fun start(type: String, id: String, vararg args: Any?) =
            client.startWorkflow<String>(type, *args, options = WorkflowOptions(id = id, taskQueue = queue)).also { handles += it }

        worker(v1, v1Workflows).start().use { workerV1 ->
            worker(v2, v2Workflows).start().use { workerV2 ->
                workerV1.deploymentVersion shouldBe v1
                workerV2.deploymentVersion shouldBe v2

                // both versions appear in the deployment once their workers have polled
                val registered = eventually("both versions registered") {
                    client.describeWorkerDeployment("checkout").takeIf { d -> d.versions.map { it.version }.toSet() == setOf(v1, v2) }
                }
                registered.currentVersion shouldBe null
                eventually("the deployment listed") { client.listWorkerDeployments().takeIf { it == listOf("checkout") } }
                eventually("v1 polls the task queue") {
                    client.describeWorkerDeploymentVersion(v1).takeIf { queue in it.taskQueues }
                }.taskQueues.getValue(queue) shouldContainExactly setOf("WORKFLOW")

                client.setWorkerDeploymentCurrentVersion(v1)
                eventually("v1 current") { client.describeWorkerDeployment("checkout").takeIf { it.currentVersion == v1 } }

                val pinned = start("PinnedCheckout", "pinned-1")
                val upgrading = start("UpgradingCheckout", "upgrading-1")
                val chain = start("UpgradingChain", "chain-1", 0)
                for (handle in listOf(pinned, upgrading, chain)) {
                    eventually("${handle.id} ran its first task on v1") {
                        handle.describe().versioningInfo?.takeIf { it.deploymentVersion == v1 }
                    }
                }
                pinned.describe().versioningInfo!!.behavior shouldBe VersioningBehavior.PINNED
                upgrading.describe().versioningInfo!!.behavior shouldBe VersioningBehavior.AUTO_UPGRADE

                // a dynamic workflow states its behaviour per run
                start("PinnedAnything", "dynamic-pinned").result() shouldBe "checkout.v1/PINNED"
                start("FloatingAnything", "dynamic-floating").result() shouldBe "checkout.v1/AUTO_UPGRADE"
                client.getWorkflowHandle<String>("dynamic-pinned").describe().versioningInfo!!.behavior shouldBe VersioningBehavior.PINNED
                client.getWorkflowHandle<String>("dynamic-floating").describe().versioningInfo!!.behavior shouldBe VersioningBehavior.AUTO_UPGRADE

                // ramp v2 at 50 %: new runs split between the versions
                client.setWorkerDeploymentRampingVersion(v2, 50f)
                eventually("v2 ramping") {
                    client.describeWorkerDeployment("checkout").takeIf { it.rampingVersion == v2 && it.rampingPercentage == 50f }
                }
                client.describeWorkerDeploymentVersion(v2).status shouldBe WorkerDeploymentVersionStatus.RAMPING
                val quick = (1..20).map { start("QuickCheckout", "quick-$it") }
                val ranOn = quick.map { it.result() }
                val split = ranOn.groupingBy { it }.eachCount()
                println("QuickCheckout runs per version with v2 ramping at 50 %: $split")
                (split["v1"] ?: 0) shouldBeGreaterThan 0
                (split["v2"] ?: 0) shouldBeGreaterThan 0
                (split.getValue("v1") + split.getValue("v2")) shouldBe 20
                for ((handle, result) in quick.zip(ranOn)) {
                    handle.describe().versioningInfo!!.deploymentVersion shouldBe (if (result == "v1") v1 else v2)
                }

                // v2 becomes current (the ramp ends with it)
                client.setWorkerDeploymentCurrentVersion(v2)
                eventually("v2 current") {
                    client.describeWorkerDeployment("checkout").takeIf { it.currentVersion == v2 && it.rampingVersion == null }
                }
                // pinned runs are still open on v1
                eventually("v1 draining") {
                    client.describeWorkerDeploymentVersion(v1).takeIf { it.status == WorkerDeploymentVersionStatus.DRAINING }
                }

                // a start option pins a new run to v1 although v2 is current
                val overridden = client.startWorkflow<String>(
                    "PinnedCheckout",
                    options = WorkflowOptions(id = "overridden-1", taskQueue = queue, versioningOverride = VersioningOverride.Pinned(v1)),
                ).also { handles += it }

                for (handle in listOf(pinned, upgrading, chain, overridden)) handle.signal("go")
                overridden.result() shouldBe "v1 checkout.v1/PINNED"
                overridden.describe().versioningInfo shouldBe
                    WorkflowVersioningInfo(VersioningBehavior.PINNED, v1, VersioningOverride.Pinned(v1))
                completedBy(overridden.fetchHistory().history) shouldBe listOf("v1", "v1")
                pinned.result() shouldBe "v1 checkout.v1/PINNED"
                upgrading.result() shouldBe "v2 checkout.v2/AUTO_UPGRADE"
                chain.result() shouldBe "v2 checkout.v2/PINNED"

                // the pinned run's tasks all ran on v1, the upgrading run's second task on v2 (in this JVM and in history)
                Rollout.tasks.filter { it.startsWith("pinned-1:") } shouldContainExactly listOf("pinned-1:v1", "pinned-1:v1")
                Rollout.tasks.filter { it.startsWith("upgrading-1:") } shouldContainExactly listOf("upgrading-1:v1", "upgrading-1:v2")
                Rollout.tasks.filter { it.startsWith("chain-1:") } shouldContainExactly listOf("chain-1:v1", "chain-1:v2")
                completedBy(pinned.fetchHistory().history) shouldBe listOf("v1", "v1")
                completedBy(upgrading.fetchHistory().history) shouldBe listOf("v1", "v2")

                val pinnedInfo = pinned.describe().versioningInfo!!
                pinnedInfo.deploymentVersion shouldBe v1
                pinnedInfo.behavior shouldBe VersioningBehavior.PINNED
                val upgradingInfo = upgrading.describe().versioningInfo!!
                upgradingInfo.deploymentVersion shouldBe v2
                upgradingInfo.behavior shouldBe VersioningBehavior.AUTO_UPGRADE
                // the chain's first run stayed on v1, its continuation started on v2
                val firstRun = client.getWorkflowHandle<String>("chain-1", runId = chain.describe().firstExecutionRunId)
                completedBy(firstRun.fetchHistory().history) shouldBe listOf("v1", "v1")
                firstRun.describe().versioningInfo!!.deploymentVersion shouldBe v1
                completedBy(chain.fetchHistory().history) shouldBe listOf("v2", "v2")
                chain.describe().versioningInfo!!.deploymentVersion shouldBe v2

                // no workflow task failed anywhere; every history replays with the code of the version that wrote it
                val v1Replayer = WorkflowReplayer(v1Workflows)
                val v2Replayer = WorkflowReplayer(v2Workflows)
                val runs = handles.map { client.getWorkflowHandle<String>(it.id) } + firstRun
                for (run in runs) {
                    val history = run.fetchHistory().history
                    history.eventsList.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                    val writers = completedBy(history).toSet()
                    // a run that moved from v1 to v2 replays with v2 (compatible by design); the others with their own
                    (if ("v2" in writers) v2Replayer else v1Replayer).replay(history, run.id)
                }
                // and v2 really is incompatible with the pinned v1 history
                shouldThrow<NonDeterminismException> { v2Replayer.replay(pinned.fetchHistory().history, "pinned-1") }
                    .message shouldContain "Timer"
            }
        }
    }

    test("a versioned worker refuses a workflow that states no versioning behavior, naming it and the fixes") {
        val error = shouldThrow<IllegalArgumentException> {
            Worker(
                client, "refused", workflows = listOf(UnstatedCheckout::class),
                options = WorkerOptions(deploymentOptions = WorkerDeploymentOptions("checkout", "v1")),
            )
        }
        error.message shouldBe "The worker for task queue 'refused' uses worker versioning, but workflow 'UnstatedCheckout' " +
            "(dev.temporalkt.worker.versioning.UnstatedCheckout) states no versioning behavior: annotate the class with " +
            "@Workflow(versioningBehavior = VersioningBehavior.PINNED or AUTO_UPGRADE), or set " +
            "WorkerDeploymentOptions.defaultVersioningBehavior"
    }

    test("the derived build id is the same for the same classes and differs for different code") {
        fun derived(workflows: List<KClass<*>>) = Worker(
            client, "derived", workflows = workflows,
            options = WorkerOptions(deploymentOptions = WorkerDeploymentOptions("checkout")),
        ).deploymentVersion!!.buildId
        val first = derived(v1Workflows)
        first shouldBe derived(v1Workflows.reversed())
        first.length shouldBe 20
        first.startsWith("sha-") shouldBe true
        (first == derived(v2Workflows)) shouldBe false
    }
})

/** The build ids of the workers that completed the run's workflow tasks, in history order. */
private fun completedBy(history: History): List<String> = history.eventsList
    .filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
    .map { it.workflowTaskCompletedEventAttributes.deploymentVersion.buildId }

/** Asks [probe] until it answers non-null (the server applies routing changes asynchronously), for up to 30 s. */
private suspend fun <T : Any> eventually(what: String, probe: suspend () -> T?): T = try {
    withTimeout(30.seconds) {
        var answer: T? = null
        while (answer == null) {
            answer = try {
                probe()
            } catch (e: RpcException) {
                null // not there yet (NOT_FOUND until the first poll arrives)
            }
            if (answer == null) delay(100.milliseconds)
        }
        answer
    }
} catch (e: kotlinx.coroutines.TimeoutCancellationException) {
    throw AssertionError("Timed out waiting for: $what")
}

@dev.temporalkt.workflow.Workflow(name = "UnstatedCheckout")
class UnstatedCheckout {
    @dev.temporalkt.workflow.WorkflowRun
    suspend fun run(): String = "unstated"
}
