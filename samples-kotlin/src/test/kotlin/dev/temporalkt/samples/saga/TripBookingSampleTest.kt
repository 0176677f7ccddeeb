package dev.temporalkt.samples.saga

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class TripBookingSampleTest : FunSpec({
    test("a trip whose bookings all succeed needs no compensation") {
        val (outcome, log) = runTripBooking(SampleTestServer.client, "Lisbon", SampleTestServer.unique("trip"), SampleTestServer.unique("q"))
        outcome shouldBe "booked [car for Lisbon, hotel for Lisbon, flight for Lisbon]"
        log shouldBe listOf("booked car for Lisbon", "booked hotel for Lisbon", "booked flight for Lisbon")
    }

    test("a failed flight booking cancels the hotel, then the car, and fails the run") {
        val (outcome, log) = runTripBooking(SampleTestServer.client, "Atlantis", SampleTestServer.unique("trip"), SampleTestServer.unique("q"))
        outcome shouldBe "failed: trip to Atlantis not booked: no flights to Atlantis; compensated 2 bookings"
        log shouldBe listOf("booked car for Atlantis", "booked hotel for Atlantis", "cancelled hotel for Atlantis", "cancelled car for Atlantis")
    }
})
