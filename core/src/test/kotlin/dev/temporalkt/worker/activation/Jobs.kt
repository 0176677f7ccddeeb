@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.activation

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.Failure

/** Small job factories for order tests. */
internal object Jobs {
    val noArgs: Payloads = Payloads.getDefaultInstance()

    fun init(): ActivationJob.InitializeWorkflow =
        ActivationJob.InitializeWorkflow(workflowType = "Greeter", workflowId = "wf-1", arguments = noArgs, randomnessSeed = 42)

    fun signal(name: String): ActivationJob.SignalWorkflow = ActivationJob.SignalWorkflow(name, noArgs)

    fun update(id: String): ActivationJob.DoUpdate =
        ActivationJob.DoUpdate(id = id, protocolInstanceId = "p-$id", name = "setName", input = noArgs)

    fun query(id: String): ActivationJob.QueryWorkflow = ActivationJob.QueryWorkflow(id, "state", noArgs)

    fun timer(seq: Int): ActivationJob.FireTimer = ActivationJob.FireTimer(seq)

    fun activity(seq: Int, local: Boolean = false): ActivationJob.ResolveActivity =
        ActivationJob.ResolveActivity(seq, ActivityResolution.Completed(null), isLocal = local)

    fun patch(id: String): ActivationJob.NotifyHasPatch = ActivationJob.NotifyHasPatch(id)

    fun seed(seed: Long): ActivationJob.UpdateRandomSeed = ActivationJob.UpdateRandomSeed(seed)

    fun cancel(): ActivationJob.CancelWorkflow = ActivationJob.CancelWorkflow("user asked")

    fun evict(): ActivationJob.RemoveFromCache = ActivationJob.RemoveFromCache("cache full", EvictionReason.CACHE_FULL)

    fun signalExternal(seq: Int): ActivationJob.ResolveSignalExternalWorkflow =
        ActivationJob.ResolveSignalExternalWorkflow(seq, Failure.newBuilder().setMessage("not found").build())
}
