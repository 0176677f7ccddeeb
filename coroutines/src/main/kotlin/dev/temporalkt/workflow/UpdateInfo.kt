package dev.temporalkt.workflow

/**
 * The update whose handler (or a coroutine it started) is running; see [Workflow.currentUpdateInfo].
 *
 * @property id the update id chosen by the caller.
 * @property name the update name.
 */
public data class UpdateInfo(public val id: String, public val name: String)
