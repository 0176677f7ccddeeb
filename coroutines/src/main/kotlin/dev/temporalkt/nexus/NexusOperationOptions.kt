package dev.temporalkt.nexus

import dev.temporalkt.common.NexusOperationCancellationType
import kotlin.time.Duration

/**
 * How a workflow calls a Nexus operation.
 *
 * ```kotlin
 * val greeting = greetings.executeOperation(
 *     GreetingService::sayHello, "Ada",
 *     NexusOperationOptions(scheduleToCloseTimeout = 5.minutes, summary = "greet Ada"),
 * )
 * ```
 *
 * @property scheduleToCloseTimeout longest time from scheduling the operation to its result, retries of the start
 *   included; when it expires the operation fails with a timeout cause. `null` for the server's limit.
 * @property summary single-line description shown in the UI.
 * @property cancellationType when an operation whose caller is cancelled is reported as cancelled.
 * @property headers Nexus headers sent with the request (string keys and values).
 */
public data class NexusOperationOptions @JvmOverloads constructor(
    val scheduleToCloseTimeout: Duration? = null,
    val summary: String? = null,
    val cancellationType: NexusOperationCancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_COMPLETED,
    val headers: Map<String, String> = emptyMap(),
) {
    init {
        require(scheduleToCloseTimeout == null || scheduleToCloseTimeout.isPositive()) {
            "NexusOperationOptions.scheduleToCloseTimeout must be positive, was $scheduleToCloseTimeout"
        }
    }
}
