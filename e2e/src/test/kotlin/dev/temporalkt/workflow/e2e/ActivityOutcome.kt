package dev.temporalkt.workflow.e2e

import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.workflow.ActivityHandle

/**
 * How an activity ended, as the end-to-end workflows report it: `completed with <result>`, or the failure's class
 * and its cause's class (such as `ActivityFailure caused by CanceledFailure`).
 */
internal suspend fun outcome(handle: ActivityHandle<String>): String = try {
    "completed with ${handle.await()}"
} catch (e: ActivityFailure) {
    "${e::class.simpleName} caused by ${e.cause?.let { it::class.simpleName }}"
}
