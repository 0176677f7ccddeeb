package dev.temporalkt.reliability

/**
 * The sizes of the fault suite. `mvn verify` runs the small defaults; a soak run raises them with system properties
 * (see the module's README.md), e.g. `-Dreliability.kill.workflows=200`.
 */
object FaultSizes {
    /** Workflows running while a worker JVM is killed. */
    val killWorkflows: Int = int("reliability.kill.workflows", 8)

    /** How many times the kill-and-restart cycle is repeated in one run of the spec. */
    val killRounds: Int = int("reliability.kill.rounds", 1)

    /** Workflows in flight while the dev server is restarted. */
    val restartWorkflows: Int = int("reliability.restart.workflows", 6)

    /** Seconds the dev server stays down. */
    val restartOutageSeconds: Int = int("reliability.restart.outageSeconds", 5)

    /** Workflows running through the fault-injecting proxy. */
    val proxyWorkflows: Int = int("reliability.proxy.workflows", 6)

    /** Seconds the proxy blackholes the worker's connections. */
    val proxyBlackholeSeconds: Int = int("reliability.proxy.blackholeSeconds", 4)

    /** Healthy workflows running next to the heap-exhausting and stack-overflowing ones. */
    val exhaustionHealthyWorkflows: Int = int("reliability.exhaustion.healthy", 4)

    /** Mutated histories replayed by the replayer fuzz spec. */
    val fuzzMutations: Int = int("reliability.fuzz.mutations", 400)

    /** The seed of the mutations; a failure message names the seed and index that reproduce it. */
    val fuzzSeed: Long = System.getProperty("reliability.fuzz.seed")?.toLong() ?: 20261207L

    private fun int(name: String, default: Int): Int {
        val value = System.getProperty(name) ?: return default
        return requireNotNull(value.toIntOrNull()?.takeIf { it > 0 }) { "-D$name must be a positive integer, was '$value'" }
    }
}
