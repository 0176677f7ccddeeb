package dev.temporalkt.benchmarks.kt

import dev.temporalkt.activity.Activity
import dev.temporalkt.benchmarks.child.ActivityCounter

/** Activities of the benchmark workflows, temporal-kt flavour; type names match the Java SDK ones. */
class BenchActivities {
    /** Returns [input]; counted so the load generator can see progress inside the worker. */
    @Activity
    suspend fun echo(input: String): String {
        ActivityCounter.increment()
        return input
    }
}
