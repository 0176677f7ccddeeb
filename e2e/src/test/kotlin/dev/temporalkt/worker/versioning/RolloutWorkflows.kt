package dev.temporalkt.worker.versioning

import dev.temporalkt.common.ContinueAsNewVersioningBehavior
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.workflow.ContinueAsNewOptions
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.delay
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.time.Duration.Companion.milliseconds

/**
 * Two versions of the same workflow types, as two builds of one service would have them. The v2 code of the pinned
 * types starts with a timer the v1 code never had: v2 cannot replay a v1 history (a non-determinism error if the
 * server ever routed a v1 run to v2). The auto-upgrading type is compatible across versions, as it must be.
 */
object Rollout {
    /** `workflowId:buildId` of every workflow task that ran workflow code for the first time (not on replay). */
    val tasks = ConcurrentLinkedQueue<String>()

    fun record(buildId: String) {
        if (!Workflow.isReplaying()) tasks += "${Workflow.info().workflowId}:$buildId"
    }

    /** What a run reports about itself: the build that ran its last task and the behaviour it stated. */
    fun self(): String = Workflow.info().let { "${it.deploymentVersion}/${it.versioningBehavior}" }
}

// ---- pinned: waits for a signal, then finishes on the version that started it

@Workflow(name = "PinnedCheckout", versioningBehavior = VersioningBehavior.PINNED)
class PinnedCheckoutV1 {
    private var go = false

    @WorkflowRun
    suspend fun run(): String {
        Rollout.record("v1")
        Workflow.waitCondition { go }
        Rollout.record("v1")
        return "v1 " + Rollout.self()
    }

    @Signal
    fun go() {
        go = true
    }
}

@Workflow(name = "PinnedCheckout", versioningBehavior = VersioningBehavior.PINNED)
class PinnedCheckoutV2 {
    private var go = false

    @WorkflowRun
    suspend fun run(): String {
        delay(1.milliseconds) // a timer v1 histories do not have
        Rollout.record("v2")
        Workflow.waitCondition { go }
        Rollout.record("v2")
        return "v2 " + Rollout.self()
    }

    @Signal
    fun go() {
        go = true
    }
}

// ---- auto-upgrade: the same commands in both versions, only the result differs

@Workflow(name = "UpgradingCheckout", versioningBehavior = VersioningBehavior.AUTO_UPGRADE)
class UpgradingCheckoutV1 {
    private var go = false

    @WorkflowRun
    suspend fun run(): String {
        Rollout.record("v1")
        Workflow.waitCondition { go }
        Rollout.record("v1")
        return "v1 " + Rollout.self()
    }

    @Signal
    fun go() {
        go = true
    }
}

@Workflow(name = "UpgradingCheckout", versioningBehavior = VersioningBehavior.AUTO_UPGRADE)
class UpgradingCheckoutV2 {
    private var go = false

    @WorkflowRun
    suspend fun run(): String {
        Rollout.record("v2")
        Workflow.waitCondition { go }
        Rollout.record("v2")
        return "v2 " + Rollout.self()
    }

    @Signal
    fun go() {
        go = true
    }
}

// ---- pinned, and continues as new onto the current version when signalled

@Workflow(name = "UpgradingChain", versioningBehavior = VersioningBehavior.PINNED)
class UpgradingChainV1 {
    private var go = false

    @WorkflowRun
    suspend fun run(generation: Int): String {
        Rollout.record("v1")
        if (generation > 0) return "v1 " + Rollout.self()
        Workflow.waitCondition { go }
        Workflow.continueAsNew(
            generation + 1,
            options = ContinueAsNewOptions(initialVersioningBehavior = ContinueAsNewVersioningBehavior.AUTO_UPGRADE),
        )
    }

    @Signal
    fun go() {
        go = true
    }
}

@Workflow(name = "UpgradingChain", versioningBehavior = VersioningBehavior.PINNED)
class UpgradingChainV2 {
    private var go = false

    @WorkflowRun
    suspend fun run(generation: Int): String {
        delay(1.milliseconds) // a timer v1 histories do not have
        Rollout.record("v2")
        if (generation > 0) return "v2 " + Rollout.self()
        Workflow.waitCondition { go }
        Workflow.continueAsNew(
            generation + 1,
            options = ContinueAsNewOptions(initialVersioningBehavior = ContinueAsNewVersioningBehavior.AUTO_UPGRADE),
        )
    }

    @Signal
    fun go() {
        go = true
    }
}

// ---- short runs for the ramp: each reports its version and ends

@Workflow(name = "QuickCheckout", versioningBehavior = VersioningBehavior.PINNED)
class QuickCheckoutV1 {
    @WorkflowRun
    suspend fun run(): String = "v1"
}

@Workflow(name = "QuickCheckout", versioningBehavior = VersioningBehavior.PINNED)
class QuickCheckoutV2 {
    @WorkflowRun
    suspend fun run(): String {
        delay(1.milliseconds)
        return "v2"
    }
}

// ---- dynamic: chooses its behaviour per run, by workflow type

@Workflow(dynamic = true)
class DynamicCheckout {
    @WorkflowRun
    suspend fun run(args: List<RawValue>): String {
        Workflow.setVersioningBehavior(
            if (Workflow.info().workflowType.startsWith("Pinned")) VersioningBehavior.PINNED else VersioningBehavior.AUTO_UPGRADE,
        )
        return Rollout.self()
    }
}

val v1Workflows = listOf(PinnedCheckoutV1::class, UpgradingCheckoutV1::class, UpgradingChainV1::class, QuickCheckoutV1::class, DynamicCheckout::class)
val v2Workflows = listOf(PinnedCheckoutV2::class, UpgradingCheckoutV2::class, UpgradingChainV2::class, QuickCheckoutV2::class, DynamicCheckout::class)
