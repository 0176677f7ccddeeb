package dev.temporalkt.internal

/**
 * Marks declarations that are public only so that the SDK's own modules (core, coroutines, java-facade, test-kit)
 * can share them. They are not part of the SDK's API: they change without notice between releases.
 *
 * Using one outside the SDK is a compile error unless the caller opts in with
 * `@OptIn(InternalTemporalApi::class)`, which says "I accept that this breaks".
 */
@RequiresOptIn(
    message = "This is an internal temporal-kt API shared between the SDK's modules; it may change without notice.",
    level = RequiresOptIn.Level.ERROR,
)
@Retention(AnnotationRetention.BINARY)
@Target(
    AnnotationTarget.CLASS,
    AnnotationTarget.FUNCTION,
    AnnotationTarget.PROPERTY,
    AnnotationTarget.CONSTRUCTOR,
    AnnotationTarget.TYPEALIAS,
)
public annotation class InternalTemporalApi
