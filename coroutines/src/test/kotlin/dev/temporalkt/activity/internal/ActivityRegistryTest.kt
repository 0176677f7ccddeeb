@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class Billing(private val rate: Int) {
    @Activity
    suspend fun charge(amount: Int): Int = amount * rate

    @Activity(name = "refund-v2")
    fun refund(amount: Int): Int = -amount

    fun helper(): Int = rate
}

class MoreBilling {
    @Activity(name = "charge")
    fun chargeAgain(amount: Int): Int = amount
}

interface Shipping {
    @Activity(name = "ship")
    suspend fun ship(orderId: String): String

    @Activity
    fun track(orderId: String): String
}

class ShippingImpl : Shipping {
    override suspend fun ship(orderId: String): String = "shipped $orderId"

    override fun track(orderId: String): String = "in transit"

    fun ship(orderId: Int): String = "not an activity: other parameters"
}

class NoActivities {
    fun work() = Unit
}

@Activity
fun sendEmail(to: String): String = "sent to $to"

fun notAnActivity(to: String): String = to

@Activity(dynamic = true)
fun anything(args: List<Payload>): Int = args.size

@Activity(dynamic = true)
fun anythingElse(args: List<Payload>): Int = args.size

@Activity(dynamic = true)
fun badDynamic(first: String): Int = first.length

class GenericActivities {
    @Activity
    fun <T> echo(value: T): T = value
}

class ActivityRegistryTest : FunSpec({
    test("instances, top-level and bound functions are registered under their names") {
        val billing = Billing(2)
        val registry = ActivityRegistry.of(listOf(billing, ::sendEmail, ::anything))
        registry.names shouldBe listOf("charge", "refund-v2", "sendEmail")
        registry.hasDynamic shouldBe true
        registry.find("charge")!!.receiver shouldBe billing
        registry.find("unknown")!!.isDynamic shouldBe true
        ActivityRegistry.of(listOf(billing::refund)).names shouldBe listOf("refund-v2")
    }

    test("every problem is reported at once with what to do") {
        val error = shouldThrow<IllegalArgumentException> {
            ActivityRegistry.of(
                listOf(Billing(1), MoreBilling(), NoActivities(), ::notAnActivity, Billing::charge, Billing::class, GenericActivities()),
            )
        }
        error.message shouldBe """
            Invalid activity registration:
             - dev.temporalkt.activity.internal.NoActivities has no function annotated with @Activity: annotate its activity functions with @dev.temporalkt.activity.Activity, or do not register it
             - Function 'notAnActivity' is not annotated with @Activity: annotate it with @dev.temporalkt.activity.Activity to register it as an activity
             - 'charge' is a member function reference without an instance: register an instance of its class (all its @Activity functions are registered) or a bound reference (instance::charge)
             - dev.temporalkt.activity.internal.Billing is a class: register an instance of it (e.g. Billing(dependencies)) so its @Activity functions have an object to run on
             - Activity 'GenericActivities.echo' has type parameters: an activity's parameter and return types must be concrete so arguments can be decoded; replace them with concrete types
             - Activity name 'charge' is used by 2 functions (dev.temporalkt.activity.internal.Billing.charge, dev.temporalkt.activity.internal.MoreBilling.chargeAgain): give each a distinct name with @Activity(name = "...")
        """.trimIndent()
    }

    test("dynamic activities: at most one, taking List<Payload>") {
        shouldThrow<IllegalArgumentException> { ActivityRegistry.of(listOf(::anything, ::anythingElse)) }.message shouldBe
            "Invalid activity registration:\n - Only one dynamic activity may be registered, found 2: anything, anythingElse; keep one"
        shouldThrow<IllegalArgumentException> { ActivityRegistry.of(listOf(::badDynamic)) }.message shouldBe
            "Invalid activity registration:\n - Dynamic activity 'badDynamic' must take exactly one parameter of type " +
            "List<dev.temporalkt.api.common.v1.Payload> (the raw arguments), has [kotlin.String]"
    }

    test("functions overriding annotated interface functions are activities") {
        val registry = ActivityRegistry.of(listOf(ShippingImpl()))
        registry.names shouldBe listOf("ship", "track")
        registry.find("ship")!!.parameterTypes.single().toString() shouldBe "kotlin.String"
    }

    test("signatures used in messages") {
        val definition = ActivityRegistry.of(listOf(Billing(1))).find("charge")!!
        definition.signature shouldBe "(amount: kotlin.Int)"
        definition.requiredArguments shouldBe 1
        definition.isSuspend shouldBe true
    }
})
