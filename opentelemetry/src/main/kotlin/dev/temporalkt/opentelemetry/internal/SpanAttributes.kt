package dev.temporalkt.opentelemetry.internal

import io.opentelemetry.api.common.AttributeKey

/** The span attributes the Temporal SDKs set on their spans (same keys as the Python SDK). */
internal object SpanAttributes {
    val WORKFLOW_ID: AttributeKey<String> = AttributeKey.stringKey("temporalWorkflowID")
    val RUN_ID: AttributeKey<String> = AttributeKey.stringKey("temporalRunID")
    val ACTIVITY_ID: AttributeKey<String> = AttributeKey.stringKey("temporalActivityID")
    val UPDATE_ID: AttributeKey<String> = AttributeKey.stringKey("temporalUpdateID")
}
