package dev.temporalkt.samples.approval

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.query
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.minutes

/**
 * An expense that waits for a manager's decision (a signal) for at most `timeoutMinutes`; its status can be read at any time
 * (a query). Without a decision in time it is rejected automatically.
 */
@Workflow
class ExpenseApprovalWorkflow {
    private var decision: String? = null
    private var status = "submitted"

    @WorkflowRun
    suspend fun run(expense: String, timeoutMinutes: Long): String {
        status = "waiting for approval"
        val timeout = timeoutMinutes.minutes
        // A durable wait: true when the condition holds, false when the timer fired first.
        val decided = Workflow.waitCondition(timeout) { decision != null }
        status = if (decided) decision!! else "rejected: no decision within $timeout"
        return "$expense: $status"
    }

    @Signal
    fun approve(approver: String) {
        if (decision == null) decision = "approved by $approver"
    }

    @Signal
    fun reject(approver: String) {
        if (decision == null) decision = "rejected by $approver"
    }

    @Query
    fun status(): String = status
}

/** What the approval sample observed. */
data class ApprovalOutcome(val statusWhileWaiting: String, val result: String)

/**
 * Submits [expense]; if [approver] is not `null`, queries the status and approves it, otherwise lets the wait of
 * [timeout] run out.
 */
suspend fun runApproval(
    client: Client,
    expense: String,
    approver: String?,
    workflowId: String,
    timeout: Duration = 3.days,
    taskQueue: String = "approval",
): ApprovalOutcome = Worker(client, taskQueue, workflows = listOf(ExpenseApprovalWorkflow::class)).start().use {
    val handle = client.startWorkflow(ExpenseApprovalWorkflow::run, expense, timeout.inWholeMinutes, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
    // The query waits for the first workflow task, so it sees the status the run set before waiting.
    val status = handle.query(ExpenseApprovalWorkflow::status)
    if (approver != null) handle.signal(ExpenseApprovalWorkflow::approve, approver)
    ApprovalOutcome(status, handle.result())
}

/**
 * Approval: signals, queries and a durable wait with a timeout. One expense is approved by a signal; another gets
 * no decision and is rejected when its wait runs out (three days, which pass at once on the embedded time-skipping server; one
 * minute on a real server).
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.approval.ApprovalSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val approvedId = SampleServer.uniqueId("expense-approved")
        val approved = runApproval(client, "Team dinner, 120 EUR", approver = "maria", workflowId = approvedId)
        println("Workflow $approvedId: status while waiting '${approved.statusWhileWaiting}', result '${approved.result}'")
        val ignoredId = SampleServer.uniqueId("expense-ignored")
        val wait = if (SampleServer.skipsTime) 3.days else 1.minutes
        val ignored = runApproval(client, "Conference ticket, 900 EUR", approver = null, workflowId = ignoredId, timeout = wait)
        println("Workflow $ignoredId: status while waiting '${ignored.statusWhileWaiting}', result '${ignored.result}'")
    }
}
