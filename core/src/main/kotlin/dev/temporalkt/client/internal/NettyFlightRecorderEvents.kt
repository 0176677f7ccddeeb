package dev.temporalkt.client.internal

import java.util.Properties

/**
 * Keeps grpc-netty-shaded's copy of Netty from recording Java Flight Recorder events, unless the application asks for
 * them.
 *
 * That Netty records its buffer allocator's chunk allocations as JFR events whenever the JVM has JFR, recording or
 * not. The first event type it registers initialises JFR's metadata repository: about 80 ms of CPU on the transport
 * thread at a connection's first buffer allocation, on the path of every process's first RPC, and about 70 JDK
 * classes. The events describe Netty's memory pools, not Temporal calls, so the SDK turns them off by setting Netty's
 * own switch (`io.grpc.netty.shaded.io.netty.jfr.enabled`, read once, when Netty's platform probe first runs) to
 * `false` before it builds its first channel, unless the property is already set:
 * `-Dio.grpc.netty.shaded.io.netty.jfr.enabled=true` keeps the events. A process that used grpc-netty-shaded before
 * its first connection keeps whatever Netty chose then.
 *
 * Example: what [disableUnlessSet] does to a set of properties.
 * ```
 * val properties = Properties()
 * NettyFlightRecorderEvents.disableUnlessSet(properties)
 * properties.getProperty(NettyFlightRecorderEvents.PROPERTY) // "false"
 * ```
 */
internal object NettyFlightRecorderEvents {
    /** Netty's switch, under grpc-netty-shaded's package prefix. */
    const val PROPERTY: String = "io.grpc.netty.shaded.io.netty.jfr.enabled"

    /** Sets [PROPERTY] to `false` in [properties] (the system properties by default) unless it has a value already. */
    fun disableUnlessSet(properties: Properties = System.getProperties()) {
        synchronized(properties) {
            if (properties.getProperty(PROPERTY) == null) properties.setProperty(PROPERTY, "false")
        }
    }
}
