package dev.temporalkt.failure

import dev.temporalkt.api.failure.v1.Failure

/**
 * Base of the exceptions that map onto a Temporal `Failure`: the proto that carries errors through the
 * server between workflows, activities, child workflows, Nexus operations and clients, whatever SDK
 * produced them.
 *
 * A failure's [cause] chain mirrors the proto's `cause` chain, so an activity that threw
 * `IllegalStateException` is seen by the calling workflow as an [ActivityFailure] caused by an
 * [ApplicationFailure] whose [ApplicationFailure.type] is `"IllegalStateException"`.
 *
 * When the exception was decoded from a proto, [failure] holds that proto exactly as received and
 * [remoteStackTrace] the stack trace text the producing SDK wrote. The JVM stack trace of a decoded
 * exception is rebuilt from that text: frames written by a JVM SDK (`com.example.Foo.bar(Foo.kt:12)`) become
 * real [StackTraceElement]s; any other text (for example a Python traceback) becomes one synthetic
 * element per line, declared by the producing SDK's name (`PythonSDK`, or `remote` when unnamed), so
 * `printStackTrace()` and loggers still show where the error came from.
 */
public abstract class TemporalFailure internal constructor(
    message: String,
    cause: Throwable?,
) : TemporalException(message, cause) {
    /**
     * The proto this exception was decoded from, or `null` when it was created in this process. When the
     * exception is converted back, this proto is sent unchanged, so failures pass through a JVM worker
     * without losing fields.
     */
    public var failure: Failure? = null
        internal set

    /**
     * The stack trace text of the SDK that raised the failure, exactly as it was sent (after decoding
     * encoded attributes); empty for exceptions created in this process and for failures sent without one.
     */
    public var remoteStackTrace: String = ""
        internal set
}
