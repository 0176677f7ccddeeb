@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.activation

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe

class LogicFlagTest : FunSpec({
    test("every flag has its own id, stable from its introduction") {
        LogicFlag.entries.associate { it.name to it.id } shouldBe mapOf(
            "CANCEL_CHILD_ONCE_STARTED" to 1,
            "WITHDRAW_EXTERNAL_REQUESTS" to 2,
        )
    }

    test("ids recorded by a newer version are reported as unknown, in ascending order") {
        LogicFlag.fromId(3) shouldBe null
        LogicFlag.fromId(2) shouldBe LogicFlag.WITHDRAW_EXTERNAL_REQUESTS
        LogicFlag.unknownIds(setOf(9, 2, 5)) shouldContainExactly listOf(5, 9)
        LogicFlag.fromIds(setOf(9, 2)) shouldContainExactly setOf(LogicFlag.WITHDRAW_EXTERNAL_REQUESTS)
    }
})
