@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.converter.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlin.reflect.KTypeProjection
import kotlin.reflect.typeOf

/** Types built without kotlin-reflect read and compare as the standard library's `typeOf` types do. */
class PlainKTypeTest : FunSpec({
    test("a runtime class's type is named as Kotlin names it") {
        PlainKType.starProjected(Integer::class.java).toString() shouldBe "kotlin.Int"
        PlainKType.starProjected(String::class.java).toString() shouldBe "kotlin.String"
        PlainKType.starProjected(java.util.ArrayList::class.java).toString() shouldBe "java.util.ArrayList<*>"
        PlainKType.starProjected(Map.Entry::class.java).toString() shouldBe "kotlin.collections.Map.Entry<*, *>"
        PlainKType.ANY.toString() shouldBe "kotlin.Any?"
    }

    test("arguments, variance and nullability appear in the name") {
        val strings = PlainKType(List::class.java, listOf(KTypeProjection.invariant(PlainKType.STRING)), isMarkedNullable = true)
        strings.toString() shouldBe "kotlin.collections.List<kotlin.String>?"
        val comparable = PlainKType(Comparable::class.java, listOf(KTypeProjection.contravariant(PlainKType.ANY)), isMarkedNullable = false)
        comparable.toString() shouldBe "kotlin.Comparable<in kotlin.Any?>"
    }

    test("equal to the typeOf type of the same class, arguments and nullability, and only to it") {
        val strings = PlainKType(List::class.java, listOf(KTypeProjection.invariant(PlainKType.STRING)), isMarkedNullable = false)
        (strings == typeOf<List<String>>()) shouldBe true
        strings shouldNotBe typeOf<List<String>?>()
        strings shouldNotBe typeOf<List<Int>>()
        PlainKType.sameType(PlainKType.starProjected(Integer::class.java), typeOf<Int>()) shouldBe true
        PlainKType.ofJava(Int::class.javaPrimitiveType!!).toString() shouldBe "kotlin.Int"
    }
})
