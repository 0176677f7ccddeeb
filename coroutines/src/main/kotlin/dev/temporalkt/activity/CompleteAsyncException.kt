package dev.temporalkt.activity

import dev.temporalkt.internal.InternalTemporalApi

/**
 * Thrown by [ActivityContext.completeAsynchronously] to end the activity function without completing the activity:
 * something else completes it later with the task token. Do not catch it (or rethrow it when you catch everything).
 */
public class CompleteAsyncException internal constructor() :
    RuntimeException("The activity will be completed asynchronously; rethrow this exception if you caught it", null, false, false)

/** Creates the exception [ActivityContext.completeAsynchronously] throws, for the SDK's other [ActivityContext] implementations. */
@InternalTemporalApi
public fun newCompleteAsyncException(): CompleteAsyncException = CompleteAsyncException()
