package dev.temporalkt.worker.replay

import dev.temporalkt.fixtures.HistoryFixtures
import dev.temporalkt.worker.WorkflowReplayer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * Replays every committed `worker-*.json` history fixture (recorded by [WorkerHistoriesSpec]) with
 * [WorkflowReplayer] and the scenario workflow classes that produced them: the replay core and the Kotlin runtime
 * must still accept histories recorded by earlier versions.
 */
class FixtureReplaySpec : FunSpec({
    val names = HistoryFixtures.names("worker-")

    test("every scenario has a committed fixture") {
        names shouldBe listOf(
            "worker-activities", "worker-cancelled", "worker-continueAsNew", "worker-failure", "worker-localActivities",
            "worker-messages", "worker-patches", "worker-reset", "worker-timers",
        )
    }

    for (name in names) {
        test("fixture $name replays with the scenario workflows") {
            WorkflowReplayer(scenarioWorkflows).replay(HistoryFixtures.load(name))
        }
    }
})
