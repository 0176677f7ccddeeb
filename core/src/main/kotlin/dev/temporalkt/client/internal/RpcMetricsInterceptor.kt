package dev.temporalkt.client.internal

import dev.temporalkt.metrics.MetricDurations
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.metrics.SdkMetricNames
import io.grpc.CallOptions
import io.grpc.Channel
import io.grpc.ClientCall
import io.grpc.ClientInterceptor
import io.grpc.ForwardingClientCall
import io.grpc.ForwardingClientCallListener
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.Status
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.TimeSource

/**
 * Records every RPC attempt in the `temporal_request` metrics, or the `temporal_long_request` ones for
 * [LongPollMethods]: a count, a failure count (attribute `status_code`) and the latency, each with the attributes
 * `namespace` and `operation` (the method name). It sits below the retries, so each attempt counts.
 */
internal class RpcMetricsInterceptor(meter: MetricMeter, namespace: String, durationsInSeconds: Boolean) : ClientInterceptor {
    private val durations = MetricDurations(durationsInSeconds)
    private val meter = meter.withAttributes(mapOf("namespace" to namespace))
    private val short = Instruments(SdkMetricNames.REQUEST, SdkMetricNames.REQUEST_FAILURE, SdkMetricNames.REQUEST_LATENCY)
    private val long = Instruments(SdkMetricNames.LONG_REQUEST, SdkMetricNames.LONG_REQUEST_FAILURE, SdkMetricNames.LONG_REQUEST_LATENCY)
    private val operations = ConcurrentHashMap<String, Map<String, String>>()

    private inner class Instruments(count: String, failure: String, latency: String) {
        val count = meter.counter(count, "RPC attempts", "1")
        val failure = meter.counter(failure, "RPC attempts that failed", "1")
        val latency = meter.histogram(latency, "RPC attempt latency", durations.unit)
    }

    override fun <ReqT, RespT> interceptCall(method: MethodDescriptor<ReqT, RespT>, callOptions: CallOptions, next: Channel): ClientCall<ReqT, RespT> {
        val instruments = if (LongPollMethods.contains(method.fullMethodName)) long else short
        val attributes = operations.computeIfAbsent(method.fullMethodName) {
            mapOf("operation" to (method.bareMethodName ?: method.fullMethodName))
        }
        return object : ForwardingClientCall.SimpleForwardingClientCall<ReqT, RespT>(next.newCall(method, callOptions)) {
            override fun start(responseListener: Listener<RespT>, headers: Metadata) {
                val started = TimeSource.Monotonic.markNow()
                instruments.count.add(1, attributes)
                val listener = object : ForwardingClientCallListener.SimpleForwardingClientCallListener<RespT>(responseListener) {
                    override fun onClose(status: Status, trailers: Metadata) {
                        instruments.latency.record(durations.value(started.elapsedNow()), attributes)
                        if (!status.isOk) instruments.failure.add(1, attributes + ("status_code" to status.code.name))
                        super.onClose(status, trailers)
                    }
                }
                super.start(listener, headers)
            }
        }
    }
}
