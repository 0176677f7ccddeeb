package dev.temporalkt.java.client

import dev.temporalkt.client.CancelWorkflowInput
import dev.temporalkt.client.CountWorkflowsInput
import dev.temporalkt.client.DescribeWorkflowInput
import dev.temporalkt.client.PollWorkflowUpdateInput
import dev.temporalkt.client.QueryWorkflowInput
import dev.temporalkt.client.SignalWorkflowInput
import dev.temporalkt.client.StartUpdateWithStartInput
import dev.temporalkt.client.StartWorkflowInput
import dev.temporalkt.client.StartWorkflowUpdateInput
import dev.temporalkt.client.TerminateWorkflowInput
import dev.temporalkt.client.UpdateWithStartResult
import dev.temporalkt.client.WorkflowExecutionCount
import dev.temporalkt.client.WorkflowExecutionDescription
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowUpdateHandle
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.java.internal.Futures
import kotlinx.coroutines.future.await
import java.util.concurrent.CompletableFuture
import dev.temporalkt.client.ClientInterceptor as KotlinClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor as KotlinLinkBase
import dev.temporalkt.java.client.ClientOutboundInterceptor as JavaLinkBase
import dev.temporalkt.java.client.UpdateWithStartResult as JavaUpdateWithStartResult
import dev.temporalkt.java.client.WorkflowExecutionDescription as JavaWorkflowExecutionDescription
import dev.temporalkt.java.client.WorkflowHandle as JavaWorkflowHandle
import dev.temporalkt.java.client.WorkflowUpdateHandle as JavaWorkflowUpdateHandle
import dev.temporalkt.java.client.PollWorkflowUpdateInput as JavaPollWorkflowUpdateInput
import dev.temporalkt.java.client.QueryWorkflowInput as JavaQueryWorkflowInput
import dev.temporalkt.java.client.SignalWorkflowInput as JavaSignalWorkflowInput
import dev.temporalkt.java.client.StartUpdateWithStartInput as JavaStartUpdateWithStartInput
import dev.temporalkt.java.client.StartWorkflowInput as JavaStartWorkflowInput
import dev.temporalkt.java.client.StartWorkflowUpdateInput as JavaStartWorkflowUpdateInput

/**
 * A Java [ClientInterceptor] as a link of the Kotlin client's chain: the Java link sees the calls the Java API
 * covers, its `next` being the rest of the Kotlin chain; every other call goes straight to the rest of the chain.
 */
internal class ClientInterceptorAdapter(
    private val interceptor: ClientInterceptor,
    private val converter: DataConverter,
) : KotlinClientInterceptor {
    override fun interceptClient(next: KotlinLinkBase): KotlinLinkBase {
        val rest = KotlinChainLink(next, converter)
        val java = interceptor.interceptClient(rest)
        return if (java === rest) next else JavaChainLink(java, next)
    }

    override fun toString(): String = "ClientInterceptorAdapter($interceptor)"
}

/** The rest of the Kotlin chain seen from Java. */
private class KotlinChainLink(private val kotlin: KotlinLinkBase, private val converter: DataConverter) : JavaLinkBase(null) {
    override fun startWorkflow(input: JavaStartWorkflowInput): CompletableFuture<JavaWorkflowHandle<Any?>> =
        Futures.run { JavaWorkflowHandle(kotlin.startWorkflow(input.kotlin), converter) }

    override fun signalWorkflow(input: JavaSignalWorkflowInput): CompletableFuture<Void> =
        Futures.runVoid { kotlin.signalWorkflow(input.kotlin) }

    override fun queryWorkflow(input: JavaQueryWorkflowInput): CompletableFuture<Any?> = Futures.run { kotlin.queryWorkflow(input.kotlin) }

    override fun startWorkflowUpdate(input: JavaStartWorkflowUpdateInput): CompletableFuture<JavaWorkflowUpdateHandle<Any?>> =
        Futures.run { JavaWorkflowUpdateHandle(kotlin.startWorkflowUpdate(input.kotlin)) }

    override fun pollWorkflowUpdate(input: JavaPollWorkflowUpdateInput): CompletableFuture<Any?> =
        Futures.run { kotlin.pollWorkflowUpdate(input.kotlin) }

    override fun startUpdateWithStartWorkflow(input: JavaStartUpdateWithStartInput): CompletableFuture<JavaUpdateWithStartResult<Any?, Any?>> =
        Futures.run {
            val result = kotlin.startUpdateWithStartWorkflow(input.kotlin)
            JavaUpdateWithStartResult(JavaWorkflowHandle(result.workflow, converter), JavaWorkflowUpdateHandle(result.update))
        }

    override fun describeWorkflow(input: DescribeWorkflowInput): CompletableFuture<JavaWorkflowExecutionDescription> =
        Futures.run { JavaWorkflowExecutionDescription(kotlin.describeWorkflow(input), converter) }

    override fun cancelWorkflow(input: CancelWorkflowInput): CompletableFuture<Void> = Futures.runVoid { kotlin.cancelWorkflow(input) }

    override fun terminateWorkflow(input: TerminateWorkflowInput): CompletableFuture<Void> =
        Futures.runVoid { kotlin.terminateWorkflow(input) }

    override fun countWorkflows(input: CountWorkflowsInput): CompletableFuture<WorkflowExecutionCount> =
        Futures.run { kotlin.countWorkflows(input) }

    override fun toString(): String = "KotlinChainLink($kotlin)"
}

/** A Java link in the Kotlin chain; the calls the Java API does not cover go to [next]. */
private class JavaChainLink(private val java: JavaLinkBase, next: KotlinLinkBase) : KotlinLinkBase(next) {
    override suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> =
        java.startWorkflow(JavaStartWorkflowInput(input)).await().kotlin

    override suspend fun signalWorkflow(input: SignalWorkflowInput) {
        java.signalWorkflow(JavaSignalWorkflowInput(input)).await()
    }

    override suspend fun queryWorkflow(input: QueryWorkflowInput): Any? = java.queryWorkflow(JavaQueryWorkflowInput(input)).await()

    override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> =
        java.startWorkflowUpdate(JavaStartWorkflowUpdateInput(input)).await().kotlin

    override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? =
        java.pollWorkflowUpdate(JavaPollWorkflowUpdateInput(input)).await()

    override suspend fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): UpdateWithStartResult {
        val result = java.startUpdateWithStartWorkflow(JavaStartUpdateWithStartInput(input)).await()
        return UpdateWithStartResult(result.workflowHandle.kotlin, result.updateHandle.kotlin)
    }

    override suspend fun describeWorkflow(input: DescribeWorkflowInput): WorkflowExecutionDescription =
        java.describeWorkflow(input).await().kotlin

    override suspend fun cancelWorkflow(input: CancelWorkflowInput) {
        java.cancelWorkflow(input).await()
    }

    override suspend fun terminateWorkflow(input: TerminateWorkflowInput) {
        java.terminateWorkflow(input).await()
    }

    override suspend fun countWorkflows(input: CountWorkflowsInput): WorkflowExecutionCount = java.countWorkflows(input).await()

    override fun toString(): String = "JavaChainLink($java)"
}
