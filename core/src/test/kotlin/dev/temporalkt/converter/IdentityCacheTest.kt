package dev.temporalkt.converter

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.reflect.KType
import kotlin.reflect.typeOf

class IdentityCacheTest : FunSpec({
    test("answers only for the very instance stored, not for an equal one") {
        val cache = IdentityCache<String, Int>(8)
        val key = String(charArrayOf('k'))
        val equal = String(charArrayOf('k'))
        cache.get(key) shouldBe null
        cache.put(key, 1)
        cache.get(key) shouldBe 1
        (equal == key) shouldBe true
        cache.get(equal) shouldBe null
    }

    test("holds at most one entry per slot: with one slot a new key replaces the old one") {
        val cache = IdentityCache<Any, String>(1)
        val a = Any()
        val b = Any()
        cache.put(a, "a")
        cache.put(b, "b")
        cache.get(a) shouldBe null
        cache.get(b) shouldBe "b"
    }

    test("rejects a size that is not a positive power of two") {
        shouldThrow<IllegalArgumentException> { IdentityCache<Any, Any>(12) }.message shouldBe
            "IdentityCache size must be a positive power of two, but was 12."
    }

    test("the json converter gives the same bytes for a reused KType instance and for an equal new one") {
        val converter = JsonPlainPayloadConverter()
        val orderType: KType = typeOf<List<Order>>()
        val plainType: KType = typeOf<PlainOrder>()
        val anyType: KType = typeOf<Any>()
        repeat(3) {
            converter.toPayload(listOf(Order("a", 2)), orderType).data.toStringUtf8() shouldBe """[{"name":"a","qty":2}]"""
            converter.toPayload(listOf(Order("a", 2)), typeOf<List<Order>>()).data.toStringUtf8() shouldBe """[{"name":"a","qty":2}]"""
            converter.toPayload(PlainOrder("p", 1), plainType).data.toStringUtf8() shouldBe """{"name":"p","qty":1}"""
            // Any has no static serializer: the value's @Serializable class decides, on every call
            converter.toPayload(Order("x", 1), anyType).data.toStringUtf8() shouldBe """{"name":"x","qty":1}"""
            converter.toPayload(Renamed("o-1"), anyType).data.toStringUtf8() shouldBe """{"order_id":"o-1"}"""
            val payload = converter.toPayload(listOf(Order("b", 3)), orderType)
            converter.fromPayload(payload, orderType) shouldBe listOf(Order("b", 3))
            converter.fromPayload(converter.toPayload(PlainOrder("q", 4), plainType), plainType) shouldBe PlainOrder("q", 4)
        }
    }
})
