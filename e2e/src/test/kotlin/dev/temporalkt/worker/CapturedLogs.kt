package dev.temporalkt.worker

import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.read.ListAppender
import org.slf4j.LoggerFactory

/** What the SDK logs while [block] runs, caught by a logback appender on the `dev.temporalkt` loggers. */
internal inline fun <T> capturingLogs(block: (CapturedLogs) -> T): T {
    val logs = CapturedLogs()
    try {
        return block(logs)
    } finally {
        logs.detach()
    }
}

/** The log events of the `dev.temporalkt` loggers since it was made. */
internal class CapturedLogs {
    private val root = LoggerFactory.getLogger("dev.temporalkt") as Logger
    private val appender = ListAppender<ILoggingEvent>().apply { start() }

    init {
        root.addAppender(appender)
    }

    /** `LEVEL message` (the message with its arguments filled in) of every event so far. */
    val lines: List<String> get() = synchronized(appender.list) { appender.list.map { "${it.level} ${it.formattedMessage}" } }

    fun detach() {
        root.detachAppender(appender)
        appender.stop()
    }
}
