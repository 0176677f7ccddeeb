package dev.temporalkt.nexus.internal

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import java.util.Base64

/**
 * The operation token of a workflow-run operation: base64url (unpadded) JSON naming the workflow, in the format
 * the Temporal SDKs share, so an operation started by one SDK's handler can be cancelled through another's.
 */
@Serializable
internal data class NexusOperationToken(
    @SerialName("t") val type: Int = WORKFLOW_RUN,
    @SerialName("ns") val namespace: String,
    @SerialName("wid") val workflowId: String,
    @SerialName("v") val version: Int? = null,
) {
    fun encode(): String = Base64.getUrlEncoder().withoutPadding().encodeToString(json.encodeToString(serializer(), this).toByteArray())

    companion object {
        const val WORKFLOW_RUN = 1
        private val json = Json { ignoreUnknownKeys = true; explicitNulls = false; encodeDefaults = true }

        /** Decodes [token]; throws [IllegalArgumentException] saying what is wrong with it. */
        fun decode(token: String): NexusOperationToken {
            require(token.isNotEmpty()) { "the operation token is empty" }
            val text = try {
                String(Base64.getUrlDecoder().decode(token.trimEnd('=')))
            } catch (e: IllegalArgumentException) {
                throw IllegalArgumentException("the operation token is not base64url: ${e.message}")
            }
            val decoded = try {
                json.decodeFromString(serializer(), text)
            } catch (e: Exception) {
                throw IllegalArgumentException("the operation token is not a workflow-run token: ${e.message}")
            }
            require(decoded.type == WORKFLOW_RUN) { "the operation token has type ${decoded.type}, expected $WORKFLOW_RUN (workflow run)" }
            require(decoded.workflowId.isNotEmpty()) { "the operation token names no workflow id" }
            return decoded
        }
    }
}
