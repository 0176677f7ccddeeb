package dev.temporalkt.reflection.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import dev.temporalkt.reflection.internal.elsewhere.hiddenSuspendingFunction
import dev.temporalkt.reflection.internal.elsewhere.hiddenTargetsFunction
import dev.temporalkt.reflection.internal.elsewhere.newHiddenTargets
import kotlinx.coroutines.yield
import kotlin.reflect.full.IllegalCallableAccessException

@JvmInline
value class Cents(val amount: Long)

class CallTargets(private val prefix: String) {
    var reflectFrames = -1

    suspend fun greet(name: String, times: Int): String {
        yield()
        reflectFrames = Thread.currentThread().stackTrace.count { it.className.startsWith("kotlin.reflect.jvm.internal") }
        return "$prefix ${name.repeat(times)}"
    }

    fun plain(a: Int, b: Int): Int {
        reflectFrames = Thread.currentThread().stackTrace.count { it.className.startsWith("kotlin.reflect.jvm.internal") }
        return a + b
    }

    fun nothing(@Suppress("UNUSED_PARAMETER") ignored: String) {}

    suspend fun tailCalls(): Unit = answer()

    private suspend fun answer(): Unit {
        yield()
    }

    suspend fun withDefault(a: String, b: String = "default"): String = "$a+$b"

    fun double(cents: Cents): Cents = Cents(cents.amount * 2)

    fun failNow(): Nothing = throw IllegalStateException("at once")

    suspend fun failNowSuspending(): String = throw IllegalStateException("at once")

    suspend fun failWithDefault(message: String = "default"): String = throw IllegalStateException(message)

    suspend fun failLater(): String {
        yield()
        throw IllegalArgumentException("after suspending")
    }
}

class UserFunctionCallerTest : FunSpec({
    val target = CallTargets("hello")

    test("a suspend member function is called through its JVM method with the instance and every argument") {
        UserFunctionCaller(CallTargets::greet).callSuspend(target, listOf("ab", 2)) shouldBe "hello abab"
        target.reflectFrames shouldBe 0
    }

    test("a plain member function too") {
        UserFunctionCaller(CallTargets::plain).call(target, listOf(2, 3)) shouldBe 5
        target.reflectFrames shouldBe 0
    }

    test("a function returning Unit says so; called plainly it gives Unit, though its JVM method is void") {
        val nothing = UserFunctionCaller(CallTargets::nothing)
        nothing.returnsUnit shouldBe true
        nothing.call(target, listOf("x")) shouldBe Unit
        UserFunctionCaller(CallTargets::tailCalls).returnsUnit shouldBe true
        UserFunctionCaller(CallTargets::greet).returnsUnit shouldBe false
    }

    test("arguments left to their defaults and value-class parameters go through kotlin-reflect") {
        val withDefault = UserFunctionCaller(CallTargets::withDefault)
        withDefault.callSuspend(target, listOf("given")) shouldBe "given+default"
        withDefault.callSuspend(target, listOf("given", "too")) shouldBe "given+too"
        UserFunctionCaller(CallTargets::double).call(target, listOf(Cents(21))) shouldBe Cents(42)
    }

    test("exceptions arrive as the function threw them, at once or after a suspension, on every path") {
        shouldThrow<IllegalStateException> { UserFunctionCaller(CallTargets::failNow).call(target, emptyList()) }
            .message shouldBe "at once"
        shouldThrow<IllegalStateException> { UserFunctionCaller(CallTargets::failNowSuspending).callSuspend(target, emptyList()) }
            .message shouldBe "at once"
        shouldThrow<IllegalArgumentException> { UserFunctionCaller(CallTargets::failLater).callSuspend(target, emptyList()) }
            .message shouldBe "after suspending"
        // through kotlin-reflect: an argument left to its default
        shouldThrow<IllegalStateException> { UserFunctionCaller(CallTargets::failWithDefault).callSuspend(target, emptyList()) }
            .message shouldBe "default"
    }

    test("a JVM method that cannot be accessed falls back to kotlin-reflect, which reports the access problem") {
        shouldThrow<IllegalCallableAccessException> { UserFunctionCaller(hiddenTargetsFunction).call(newHiddenTargets(), emptyList()) }
        shouldThrow<IllegalCallableAccessException> {
            UserFunctionCaller(hiddenSuspendingFunction).callSuspend(newHiddenTargets(), emptyList())
        }
    }
})
