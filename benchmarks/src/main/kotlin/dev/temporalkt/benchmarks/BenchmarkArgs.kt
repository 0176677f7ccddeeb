package dev.temporalkt.benchmarks

/**
 * Command-line settings shared by the benchmark entry points:
 * `--smoke` (tiny sizes, one round), `--rounds N`, `--sizes a,b,c`, `--count N`, `--rate N`, `--seconds N` (length of a
 * timed window or step), `--warmup N` (workflows run before a measured window, where a workload has one),
 * `--variants name,name` (subset of [Variant.ALL] names), `--worker-jvm-arg ARG` (repeatable, e.g. a JFR flag).
 */
class BenchmarkArgs(
    val smoke: Boolean,
    val rounds: Int,
    val sizes: List<Int>?,
    val count: Int?,
    val rate: Int?,
    val seconds: Int?,
    val warmup: Int?,
    val variants: Set<String>?,
    val workerJvmArgs: List<String>,
) {
    fun sizesOr(smokeSizes: List<Int>, fullSizes: List<Int>): List<Int> = sizes ?: if (smoke) smokeSizes else fullSizes

    /**
     * The [candidates] (temporal-kt / Java SDK pairs in order, then others) that run: those named by `--variants`; by
     * default all, except in smoke mode, which keeps the first pair (JDK of the harness) plus [smokeExtras] to stay
     * fast. Variants that cannot run here (missing JDK, no Python with temporalio) are skipped with a notice.
     */
    fun select(candidates: List<Variant>, smokeExtras: List<Variant> = emptyList()): List<Variant> {
        val wanted = when {
            variants != null -> candidates.filter { it.name in variants }
            smoke -> candidates.take(2) + smokeExtras.filter { it in candidates }
            else -> candidates
        }
        val (runnable, missing) = wanted.partition { it.unavailableReason == null }
        missing.forEach { println("skipping ${it.name}: ${it.unavailableReason}") }
        return runnable
    }

    companion object {
        fun parse(args: Array<String>): BenchmarkArgs {
            var smoke = false
            var rounds: Int? = null
            var sizes: List<Int>? = null
            var count: Int? = null
            var rate: Int? = null
            var seconds: Int? = null
            var warmup: Int? = null
            var variants: Set<String>? = null
            val jvmArgs = mutableListOf<String>()
            var i = 0
            fun value(): String = args.getOrNull(++i) ?: throw IllegalArgumentException("${args[i - 1]} needs a value")
            while (i < args.size) {
                when (val arg = args[i]) {
                    "--smoke" -> smoke = true
                    "--rounds" -> rounds = value().toInt()
                    "--sizes" -> sizes = value().split(',').map { it.trim().replace("_", "").toInt() }
                    "--count" -> count = value().replace("_", "").toInt()
                    "--rate" -> rate = value().toInt()
                    "--seconds" -> seconds = value().toInt()
                    "--warmup" -> warmup = value().replace("_", "").toInt()
                    "--variants" -> variants = value().split(',').map { it.trim() }.toSet()
                    "--worker-jvm-arg" -> jvmArgs += value()
                    else -> throw IllegalArgumentException(
                        "unknown argument '$arg'; expected --smoke, --rounds N, --sizes a,b, --count N, --rate N, --seconds N, --warmup N, " +
                            "--variants a,b (of ${Variant.ALL.map { it.name }}), --worker-jvm-arg ARG",
                    )
                }
                i++
            }
            val resolvedRounds = rounds ?: if (smoke) 1 else 3
            require(resolvedRounds >= 1) { "--rounds must be at least 1" }
            return BenchmarkArgs(smoke, resolvedRounds, sizes, count, rate, seconds, warmup, variants, jvmArgs)
        }
    }
}
