package dev.temporalkt.client

import com.google.protobuf.ByteString

/** Identifies an activity that completes asynchronously: by its task token, or by workflow id and activity id. */
public sealed interface AsyncActivityId {
    /** The task token the activity received (from its activity info). */
    public class TaskToken(public val token: ByteArray) : AsyncActivityId {
        init {
            require(token.isNotEmpty()) { "An activity task token must not be empty; pass the token from the activity info" }
        }

        internal val bytes: ByteString get() = ByteString.copyFrom(token)

        override fun equals(other: Any?): Boolean = other is TaskToken && other.token.contentEquals(token)
        override fun hashCode(): Int = token.contentHashCode()
        override fun toString(): String = "TaskToken(${token.size} bytes)"
    }

    /** The activity [activityId] of workflow [workflowId]; `runId = null` means the latest run. */
    public data class ById(val workflowId: String, val runId: String?, val activityId: String) : AsyncActivityId {
        init {
            require(workflowId.isNotBlank() && activityId.isNotBlank()) {
                "Both workflowId and activityId are needed to address an activity, got workflowId='$workflowId', activityId='$activityId'"
            }
        }
    }
}
