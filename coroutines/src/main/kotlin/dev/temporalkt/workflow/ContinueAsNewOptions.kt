package dev.temporalkt.workflow

import dev.temporalkt.common.ContinueAsNewVersioningBehavior
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import kotlin.time.Duration

/**
 * Settings of the run started by [Workflow.continueAsNew]. `null` keeps the current run's value, except the
 * timeouts, which fall back to the server's defaults when not set.
 *
 * ```kotlin
 * Workflow.continueAsNew(cursor, options = ContinueAsNewOptions(runTimeout = 1.hours))
 * ```
 *
 * @property taskQueue task queue of the new run.
 * @property runTimeout longest time for the new run.
 * @property taskTimeout longest time for one workflow task of the new run.
 * @property memo memo of the new run, encoded with the payload converter.
 * @property searchAttributes search attributes of the new run.
 * @property retryPolicy retry policy of the new run.
 * @property initialVersioningBehavior the worker deployment version the new run starts on:
 *   [ContinueAsNewVersioningBehavior.AUTO_UPGRADE] moves a pinned workflow to the deployment's current version (its
 *   new run starts there, with its behaviour then as its code states); `null` keeps the predecessor's version.
 */
public data class ContinueAsNewOptions(
    public val taskQueue: String? = null,
    public val runTimeout: Duration? = null,
    public val taskTimeout: Duration? = null,
    public val memo: Map<String, Any?>? = null,
    public val searchAttributes: SearchAttributes? = null,
    public val retryPolicy: RetryPolicy? = null,
    public val initialVersioningBehavior: ContinueAsNewVersioningBehavior? = null,
)
