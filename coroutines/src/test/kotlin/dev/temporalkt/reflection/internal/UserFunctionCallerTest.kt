package dev.temporalkt.reflection.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import dev.temporalkt.reflection.internal.elsewhere.hiddenSuspendingFunction
import dev.temporalkt.reflection.internal.elsewhere.hiddenTargetsFunction
import dev.temporalkt.reflection.internal.elsewhere.newHiddenTargets
import kotlinx.coroutines.yield
import kotlin.reflect.KFunction

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

private fun caller(function: KFunction<*>) = UserFunctionCaller(UserFunction.of(function))

class UserFunctionCallerTest : FunSpec({
    val target = CallTargets("hello")

    test("a suspend member function is called through its JVM method with the instance and every argument") {
        caller(CallTargets::greet).callSuspend(target, listOf("ab", 2)) shouldBe "hello abab"
        target.reflectFrames shouldBe 0
    }

    test("a plain member function too") {
        caller(CallTargets::plain).call(target, listOf(2, 3)) shouldBe 5
        target.reflectFrames shouldBe 0
    }

    test("a function returning Unit says so; called plainly it gives Unit, though its JVM method is void") {
        val nothing = caller(CallTargets::nothing)
        nothing.returnsUnit shouldBe true
        nothing.call(target, listOf("x")) shouldBe Unit
        caller(CallTargets::tailCalls).returnsUnit shouldBe true
        caller(CallTargets::greet).returnsUnit shouldBe false
    }

    test("arguments left to their defaults and value-class parameters go through kotlin-reflect") {
        val withDefault = caller(CallTargets::withDefault)
        withDefault.callSuspend(target, listOf("given")) shouldBe "given+default"
        withDefault.callSuspend(target, listOf("given", "too")) shouldBe "given+too"
        caller(CallTargets::double).call(target, listOf(Cents(21))) shouldBe Cents(42)
    }

    test("exceptions arrive as the function threw them, at once or after a suspension, on every path") {
        shouldThrow<IllegalStateException> { caller(CallTargets::failNow).call(target, emptyList()) }
            .message shouldBe "at once"
        shouldThrow<IllegalStateException> { caller(CallTargets::failNowSuspending).callSuspend(target, emptyList()) }
            .message shouldBe "at once"
        shouldThrow<IllegalArgumentException> { caller(CallTargets::failLater).callSuspend(target, emptyList()) }
            .message shouldBe "after suspending"
        // through kotlin-reflect: an argument left to its default
        shouldThrow<IllegalStateException> { caller(CallTargets::failWithDefault).callSuspend(target, emptyList()) }
            .message shouldBe "default"
    }

    test("a member of a class other packages cannot reach is opened when it is read and called through its JVM method") {
        caller(hiddenTargetsFunction).call(newHiddenTargets(), emptyList()) shouldBe "hidden"
        caller(hiddenSuspendingFunction).callSuspend(newHiddenTargets(), emptyList()) shouldBe "hidden"
    }

    test("the Kotlin types, names and defaults come from the class's metadata, without kotlin-reflect") {
        val greet = UserFunction.of(CallTargets::greet)
        greet.name shouldBe "greet"
        greet.isSuspend shouldBe true
        greet.parameterNames shouldBe listOf("name", "times")
        greet.parameterTypes.map { it.toString() } shouldBe listOf("kotlin.String", "kotlin.Int")
        greet.returnType.toString() shouldBe "kotlin.String"
        greet.registrationReason shouldBe null
        UserFunction.of(CallTargets::withDefault).registrationReason shouldBe "has parameters with default values"
        UserFunction.of(CallTargets::double).registrationReason shouldBe
            "takes or returns a value class, whose values its JVM method takes unboxed"
    }
})
