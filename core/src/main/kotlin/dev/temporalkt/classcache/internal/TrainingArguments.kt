package dev.temporalkt.classcache.internal

import java.nio.file.Path
import java.time.Duration

/** The parsed command line of `TrainClassCache`; see `TrainClassCache.USAGE`. */
internal class TrainingArguments(
    val output: Path,
    val java: Path?,
    val workload: String?,
    val runFor: Duration?,
    val timeout: Duration,
    val workerLog: Path?,
    val workerCommand: List<String>,
) {
    companion object {
        private val DEFAULT_TIMEOUT: Duration = Duration.ofMinutes(10)

        fun parse(args: List<String>): TrainingArguments {
            var output: Path? = null
            var java: Path? = null
            var workload: String? = null
            var runFor: Duration? = null
            var timeout = DEFAULT_TIMEOUT
            var workerLog: Path? = null
            var i = 0
            fun value(name: String): String = args.getOrNull(++i) ?: throw IllegalArgumentException("$name needs a value")
            fun seconds(name: String): Duration {
                val text = value(name)
                val number = text.toLongOrNull()?.takeIf { it > 0 }
                    ?: throw IllegalArgumentException("$name takes a whole number of seconds above 0, not '$text'")
                return Duration.ofSeconds(number)
            }
            while (i < args.size && args[i] != "--") {
                when (val arg = args[i]) {
                    "--output" -> output = Path.of(value(arg))
                    "--java" -> java = Path.of(value(arg))
                    "--workload" -> workload = value(arg)
                    "--run-for" -> runFor = seconds(arg)
                    "--timeout" -> timeout = seconds(arg)
                    "--worker-log" -> workerLog = Path.of(value(arg))
                    else -> throw IllegalArgumentException("unknown option '$arg'")
                }
                i++
            }
            require(i < args.size) { "the worker's java arguments are missing: put them after '--' (for example -- -cp app.jar com.example.WorkerMain)" }
            val command = args.subList(i + 1, args.size)
            require(command.isNotEmpty()) { "nothing after '--': give the worker's java arguments (for example -- -cp app.jar com.example.WorkerMain)" }
            require(output != null) { "--output FILE is required: where to write the class cache" }
            require(workload == null || runFor == null) { "give --workload or --run-for, not both" }
            return TrainingArguments(output, java, workload, runFor, timeout, workerLog, command)
        }
    }
}
