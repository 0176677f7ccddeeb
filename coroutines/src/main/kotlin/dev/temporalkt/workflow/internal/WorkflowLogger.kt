@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import org.slf4j.Logger
import org.slf4j.LoggerFactory
import org.slf4j.MDC
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Proxy

/**
 * The replay-safe logger of workflow code: a proxy of the SLF4J `Logger` named after the workflow class
 * that drops logging calls while the run replays and puts the run's identity into the MDC around each call.
 */
internal object WorkflowLogger {
    private val logging = setOf("trace", "debug", "info", "warn", "error")

    fun create(instance: WorkflowInstance): Logger {
        val delegate = LoggerFactory.getLogger(instance.definition.workflowClass.java)
        val info = instance.properties.info
        val mdc = mapOf(
            "temporalWorkflowId" to info.workflowId,
            "temporalRunId" to info.runId,
            "temporalWorkflowType" to info.workflowType,
            "temporalTaskQueue" to info.taskQueue,
            "temporalNamespace" to info.namespace,
        )
        return Proxy.newProxyInstance(Logger::class.java.classLoader, arrayOf(Logger::class.java)) { _, method, args ->
            val isLogging = method.name in logging
            if (isLogging && instance.isReplaying) return@newProxyInstance null
            val previous = if (isLogging) mdc.keys.associateWith { MDC.get(it) } else emptyMap()
            if (isLogging) mdc.forEach { (k, v) -> MDC.put(k, v) }
            try {
                method.invoke(delegate, *(args ?: emptyArray()))
            } catch (e: InvocationTargetException) {
                throw e.targetException
            } finally {
                previous.forEach { (k, v) -> if (v == null) MDC.remove(k) else MDC.put(k, v) }
            }
        } as Logger
    }
}
