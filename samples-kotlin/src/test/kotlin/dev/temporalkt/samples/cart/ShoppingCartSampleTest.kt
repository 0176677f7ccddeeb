package dev.temporalkt.samples.cart

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ShoppingCartSampleTest : FunSpec({
    test("accepted updates return the item count; the validator rejects duplicates and blank names") {
        val outcome = runShoppingCart(
            SampleTestServer.clientWith(), listOf("apple", "pear", "apple", " ", "plum"),
            SampleTestServer.unique("cart"), SampleTestServer.unique("q"),
        )
        outcome shouldBe CartOutcome(
            counts = listOf(1, 2, 3),
            rejections = listOf("'apple': 'apple' is already in the cart", "' ': an item name must not be blank"),
            result = "ada bought apple, pear, plum",
        )
    }
})
