@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import org.slf4j.Logger
import org.slf4j.LoggerFactory
import org.slf4j.MDC
import org.slf4j.spi.LoggingEventBuilder
import org.slf4j.spi.NOPLoggingEventBuilder
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Proxy

/**
 * The replay-safe logger of workflow code: a proxy of the SLF4J `Logger` named after the workflow class that drops
 * logging calls while the run replays and puts the run's identity ([dev.temporalkt.workflow.WorkflowInfo.logContext])
 * into the MDC around each call. The fluent API (`atInfo()`, `atLevel(...)`, ...) is covered too: while replaying it
 * hands out a builder that logs nothing; otherwise the builder carries the same entries as key-value pairs and
 * logs with them in the MDC.
 */
internal object WorkflowLogger {
    private val logging = setOf("trace", "debug", "info", "warn", "error")
    private val fluent = setOf("atTrace", "atDebug", "atInfo", "atWarn", "atError", "atLevel", "makeLoggingEventBuilder")

    fun create(instance: WorkflowInstance): Logger {
        val delegate = LoggerFactory.getLogger(instance.definition.workflowClass.java)
        val mdc = instance.properties.info.logContext
        return Proxy.newProxyInstance(Logger::class.java.classLoader, arrayOf(Logger::class.java)) { _, method, args ->
            when (method.name) {
                in logging -> if (instance.isReplaying) null else withMdc(mdc) { invoke(method, delegate, args) }
                in fluent -> if (instance.isReplaying) {
                    NOPLoggingEventBuilder.singleton()
                } else {
                    val builder = invoke(method, delegate, args) as LoggingEventBuilder
                    mdc.forEach { (key, value) -> builder.addKeyValue(key, value) }
                    builderWithMdc(builder, mdc)
                }
                else -> invoke(method, delegate, args)
            }
        } as Logger
    }

    /** [builder], whose `log` calls run with [mdc] in the MDC. */
    private fun builderWithMdc(builder: LoggingEventBuilder, mdc: Map<String, String>): LoggingEventBuilder {
        lateinit var self: LoggingEventBuilder
        self = Proxy.newProxyInstance(LoggingEventBuilder::class.java.classLoader, arrayOf(LoggingEventBuilder::class.java)) { _, method, args ->
            val result = if (method.name == "log") withMdc(mdc) { invoke(method, builder, args) } else invoke(method, builder, args)
            if (result === builder) self else result
        } as LoggingEventBuilder
        return self
    }

    private inline fun <T> withMdc(mdc: Map<String, String>, block: () -> T): T {
        val previous = mdc.keys.associateWith { MDC.get(it) }
        mdc.forEach { (k, v) -> MDC.put(k, v) }
        try {
            return block()
        } finally {
            previous.forEach { (k, v) -> if (v == null) MDC.remove(k) else MDC.put(k, v) }
        }
    }

    private fun invoke(method: Method, target: Any, args: Array<out Any?>?): Any? = try {
        method.invoke(target, *(args ?: emptyArray()))
    } catch (e: InvocationTargetException) {
        throw e.targetException
    }
}
