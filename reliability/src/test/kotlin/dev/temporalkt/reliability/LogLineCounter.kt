package dev.temporalkt.reliability

import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.LoggerContext
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.AppenderBase
import org.slf4j.LoggerFactory
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

/** A logback appender on the root logger that counts the log lines written (at the configured levels), by logger. */
class LogLineCounter private constructor() : AppenderBase<ILoggingEvent>(), AutoCloseable {
    private val byLogger = ConcurrentHashMap<String, AtomicLong>()

    override fun append(event: ILoggingEvent) {
        byLogger.computeIfAbsent(event.loggerName) { AtomicLong() }.incrementAndGet()
    }

    /** Lines counted since [attach] or the last [reset]. */
    val total: Long get() = byLogger.values.sumOf { it.get() }

    /** Lines per logger since [attach] or the last [reset], most first. */
    fun byLogger(): List<Pair<String, Long>> = byLogger.map { (name, count) -> name to count.get() }.sortedByDescending { it.second }

    /** Starts counting from zero. */
    fun reset() = byLogger.clear()

    override fun close() {
        root().detachAppender(this)
        stop()
    }

    companion object {
        private fun root(): Logger =
            (LoggerFactory.getILoggerFactory() as LoggerContext).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)

        /** Adds a counter to the root logger. */
        fun attach(): LogLineCounter {
            val root = root()
            return LogLineCounter().apply {
                context = root.loggerContext
                name = "log-line-counter"
                start()
                root.addAppender(this)
            }
        }
    }
}
