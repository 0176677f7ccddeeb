package dev.temporalkt.testing.logging

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.LoggerContext
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.classic.spi.ThrowableProxyUtil
import ch.qos.logback.core.AppenderBase
import org.slf4j.LoggerFactory
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A real logback appender on the root logger that keeps every event it gets, with the levels of some loggers changed
 * while it is attached ([levels], logger name to level; "ROOT" for the root logger). [close] detaches it and puts the
 * levels back. The e2e JVM runs logback as its SLF4J provider (see the module's pom).
 */
class LogCapture private constructor(levels: Map<String, Level>) : AutoCloseable {
    /** A captured event, with what it printed. */
    class Line(
        val logger: String,
        val level: Level,
        val message: String,
        val mdc: Map<String, String>,
        /** The SLF4J key-value pairs of the event (fluent API), values as strings. */
        val keyValues: Map<String, String>,
        val stackTrace: String?,
    ) {
        /** How many lines the event prints with a pattern like `%msg%n%ex`. */
        val printedLines: Int get() = message.lines().size + (stackTrace?.trimEnd()?.lines()?.size ?: 0)

        /** The message and the stack trace, as printed. */
        val text: String get() = if (stackTrace == null) message else "$message\n$stackTrace"

        override fun toString(): String = "$level $logger - $text"
    }

    private val context = LoggerFactory.getILoggerFactory() as? LoggerContext
        ?: error("logback is not the SLF4J provider of this JVM (got ${LoggerFactory.getILoggerFactory().javaClass})")
    private val root: Logger = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
    private val previousLevels: Map<Logger, Level?>
    private val captured = CopyOnWriteArrayList<Line>()

    private val appender = object : AppenderBase<ILoggingEvent>() {
        override fun append(event: ILoggingEvent) {
            captured += Line(
                event.loggerName,
                event.level,
                event.formattedMessage,
                event.mdcPropertyMap.toMap(),
                event.keyValuePairs.orEmpty().associate { it.key to it.value.toString() },
                event.throwableProxy?.let(ThrowableProxyUtil::asString),
            )
        }
    }

    init {
        previousLevels = levels.keys.associate { name -> context.getLogger(name).let { it to it.level } }
        levels.forEach { (name, level) -> context.getLogger(name).level = level }
        appender.context = context
        appender.name = "capture-${System.identityHashCode(this)}"
        appender.start()
        root.addAppender(appender)
    }

    /** The events so far, oldest first. */
    val lines: List<Line> get() = captured.toList()

    /** Forgets the events so far. */
    fun clear() = captured.clear()

    override fun close() {
        root.detachAppender(appender)
        appender.stop()
        previousLevels.forEach { (logger, level) -> logger.level = level }
    }

    companion object {
        /** Attaches a capture with the given logger levels. */
        @JvmStatic
        fun start(vararg levels: Pair<String, Level>): LogCapture = LogCapture(levels.toMap())

        /** For Java: attaches a capture with the given logger levels. */
        @JvmStatic
        fun start(levels: Map<String, Level>): LogCapture = LogCapture(levels)
    }
}
