package dev.temporalkt.samples.saga

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.Collections
import kotlin.time.Duration.Companion.seconds

/** Bookings and their compensations; the flight cannot be booked for the destination `Atlantis`. */
class TravelActivities {
    /** Every booking and cancellation, in order. */
    val log: MutableList<String> = Collections.synchronizedList(mutableListOf())

    @Activity
    suspend fun bookCar(trip: String): String = "car for $trip".also { log += "booked $it" }

    @Activity
    suspend fun bookHotel(trip: String): String = "hotel for $trip".also { log += "booked $it" }

    @Activity
    suspend fun bookFlight(trip: String): String {
        if (trip == "Atlantis") throw ApplicationFailure.nonRetryable("no flights to $trip", "NoFlights")
        return "flight for $trip".also { log += "booked $it" }
    }

    @Activity
    suspend fun cancel(booking: String): String = "cancelled $booking".also { log += it }
}

private val options = ActivityOptions(startToCloseTimeout = 10.seconds, retryPolicy = RetryPolicy(maximumAttempts = 3))

/**
 * A saga: each booking that succeeded registers its compensation; when a later step fails, the compensations run in
 * reverse order (in `NonCancellable`, so they run even when the workflow is being cancelled) and the run fails with the
 * original error.
 */
@Workflow
class TripBookingWorkflow {
    @WorkflowRun
    suspend fun run(trip: String): List<String> {
        val compensations = ArrayDeque<String>()
        try {
            val bookings = mutableListOf<String>()
            for (step in listOf(TravelActivities::bookCar, TravelActivities::bookHotel, TravelActivities::bookFlight)) {
                val booking = Workflow.executeActivity(step, trip, options = options)
                bookings += booking
                compensations.addFirst(booking)
            }
            return bookings
        } catch (e: ActivityFailure) {
            withContext(NonCancellable) {
                for (booking in compensations) Workflow.executeActivity(TravelActivities::cancel, booking, options = options)
            }
            throw ApplicationFailure.nonRetryable("trip to $trip not booked: ${e.cause?.message}; compensated ${compensations.size} bookings", "TripNotBooked")
        }
    }
}

/** Books [trip]; returns the bookings, or the failure's message, and the activities' log. */
suspend fun runTripBooking(client: Client, trip: String, workflowId: String, taskQueue: String = "trips"): Pair<String, List<String>> {
    val activities = TravelActivities()
    return Worker(client, taskQueue, workflows = listOf(TripBookingWorkflow::class), activities = listOf(activities)).start().use {
        val outcome = try {
            "booked ${client.executeWorkflow(TripBookingWorkflow::run, trip, WorkflowOptions(id = workflowId, taskQueue = taskQueue))}"
        } catch (e: dev.temporalkt.failure.WorkflowFailedException) {
            "failed: ${e.cause?.message}"
        }
        outcome to activities.log.toList()
    }
}

/**
 * A saga with compensations.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.saga.TripBookingSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        for (trip in listOf("Lisbon", "Atlantis")) {
            val id = SampleServer.uniqueId("trip")
            val (outcome, log) = runTripBooking(client, trip, id)
            println("Workflow $id (trip to $trip) $outcome")
            log.forEach { println("  activity: $it") }
        }
    }
}
