package dev.temporalkt.worker.activation

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe

class LogicFlagTest : FunSpec({
    test("no flag changes job order yet, so no flag is known") {
        LogicFlag.entries.shouldBeEmpty()
    }

    test("ids recorded by a newer version are reported as unknown, in ascending order") {
        LogicFlag.fromId(3) shouldBe null
        LogicFlag.unknownIds(setOf(9, 2, 5)) shouldContainExactly listOf(2, 5, 9)
        LogicFlag.fromIds(setOf(9, 2)).shouldBeEmpty()
    }
})
