package dev.temporalkt.client.internal

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLogLevel
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLogger
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory

/**
 * Keeps credentials out of gRPC's HTTP/2 frame log.
 *
 * gRPC's Netty transport logs every HTTP/2 frame, request headers included, at DEBUG on the logger
 * `io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler` (its "OUTBOUND HEADERS" lines). With that logger on DEBUG,
 * the `authorization: Bearer <API key>` header of every call would reach the logs. The frame logger is created per
 * connection from the (shaded) Netty logger factory, so [install] wraps that factory: the loggers it makes print
 * [Http2Headers] arguments with the values of sensitive headers ([isSensitive]) replaced by `<redacted>`. Every other
 * argument, and every logger's name and level, are left as they are.
 *
 * The factory belongs to the gRPC transport bundled with the SDK (`grpc-netty-shaded`), so the redaction also covers
 * other gRPC channels of the same JVM that use that transport, which only loses them secrets in logs.
 */
internal class HeaderRedactingLoggerFactory private constructor(private val delegate: InternalLoggerFactory) : InternalLoggerFactory() {
    override fun newInstance(name: String): InternalLogger =
        RedactingLogger(NEW_INSTANCE.invoke(delegate, name) as InternalLogger)

    companion object {
        /** Placed instead of a sensitive header's value. */
        const val REDACTED: String = "<redacted>"

        /** Wraps the current Netty logger factory, once; loggers made before keep logging as they did. */
        @Synchronized
        fun install() {
            val current = InternalLoggerFactory.getDefaultFactory()
            if (current !is HeaderRedactingLoggerFactory) InternalLoggerFactory.setDefaultFactory(HeaderRedactingLoggerFactory(current))
        }

        /** Whether a header may carry a credential: `authorization`, `proxy-authorization`, `cookie`, or names with `api-key`, `apikey`, `token`, `secret` or `password`. */
        fun isSensitive(name: CharSequence): Boolean {
            val lower = name.toString().lowercase()
            return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
                SENSITIVE_PARTS.any { it in lower }
        }

        /** `newInstance` is protected: the wrapped factory is called through it reflectively. */
        private val NEW_INSTANCE = InternalLoggerFactory::class.java.getDeclaredMethod("newInstance", String::class.java)
            .apply { isAccessible = true }

        private val SENSITIVE_PARTS = listOf("api-key", "apikey", "token", "secret", "password")

        /** [arg], or a stand-in that prints it with sensitive header values redacted when it is a header block. */
        fun redact(arg: Any?): Any? = if (arg is Http2Headers) RedactedHeaders(arg) else arg
    }

    /** Prints like Netty's headers (`Name[a: 1, b: 2]`) with the values of sensitive headers replaced. */
    private class RedactedHeaders(private val headers: Http2Headers) {
        override fun toString(): String = buildString {
            append(headers.javaClass.simpleName).append('[')
            var first = true
            for ((name, value) in headers) {
                if (!first) append(", ")
                first = false
                append(name).append(": ").append(if (isSensitive(name)) REDACTED else value)
            }
            append(']')
        }
    }

    /** Delegates everything; arguments pass through [redact] first. */
    private class RedactingLogger(private val d: InternalLogger) : InternalLogger by d {
        private fun r(args: Array<out Any?>): Array<Any?> = Array(args.size) { redact(args[it]) }

        override fun trace(format: String?, arg: Any?) = d.trace(format, redact(arg))
        override fun trace(format: String?, argA: Any?, argB: Any?) = d.trace(format, redact(argA), redact(argB))
        override fun trace(format: String?, vararg arguments: Any?) = d.trace(format, *r(arguments))
        override fun debug(format: String?, arg: Any?) = d.debug(format, redact(arg))
        override fun debug(format: String?, argA: Any?, argB: Any?) = d.debug(format, redact(argA), redact(argB))
        override fun debug(format: String?, vararg arguments: Any?) = d.debug(format, *r(arguments))
        override fun info(format: String?, arg: Any?) = d.info(format, redact(arg))
        override fun info(format: String?, argA: Any?, argB: Any?) = d.info(format, redact(argA), redact(argB))
        override fun info(format: String?, vararg arguments: Any?) = d.info(format, *r(arguments))
        override fun warn(format: String?, arg: Any?) = d.warn(format, redact(arg))
        override fun warn(format: String?, argA: Any?, argB: Any?) = d.warn(format, redact(argA), redact(argB))
        override fun warn(format: String?, vararg arguments: Any?) = d.warn(format, *r(arguments))
        override fun error(format: String?, arg: Any?) = d.error(format, redact(arg))
        override fun error(format: String?, argA: Any?, argB: Any?) = d.error(format, redact(argA), redact(argB))
        override fun error(format: String?, vararg arguments: Any?) = d.error(format, *r(arguments))
        override fun log(level: InternalLogLevel?, format: String?, arg: Any?) = d.log(level, format, redact(arg))
        override fun log(level: InternalLogLevel?, format: String?, argA: Any?, argB: Any?) = d.log(level, format, redact(argA), redact(argB))
        override fun log(level: InternalLogLevel?, format: String?, vararg arguments: Any?) = d.log(level, format, *r(arguments))
    }
}
