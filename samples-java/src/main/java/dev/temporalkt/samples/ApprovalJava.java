package dev.temporalkt.samples;

import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Approval with signals, a query and a wait with a timeout: an expense waits up to three days for a manager; a
 * signal approves or rejects it, a query reads its status meanwhile, and without a decision it expires. The sample
 * runs two expenses: one that is approved, and one nobody decides on, which expires (on the embedded test server the
 * three days pass at once).
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.ApprovalJava}
 * (on a real server the second expense takes three days; see {@link SampleEnvironment}).
 */
public final class ApprovalJava {
    static final String TASK_QUEUE = "approval-java";

    private ApprovalJava() {
    }

    /** An expense to approve. */
    public record Expense(String id, int amountCents) {
    }

    /** The workflow: waits for a decision (a signal) for at most {@code decisionTimeout}. */
    @WorkflowInterface
    public static class ExpenseApprovalWorkflow {
        private String approvedBy;
        private String rejectedBecause;

        @WorkflowRun
        public CompletableFuture<String> run(Expense expense, Duration decisionTimeout) {
            return Workflow.await(decisionTimeout, () -> approvedBy != null || rejectedBecause != null)
                .thenApply(decided -> !decided
                    ? "expense " + expense.id() + " expired without a decision"
                    : approvedBy != null
                        ? "expense " + expense.id() + " approved by " + approvedBy
                        : "expense " + expense.id() + " rejected: " + rejectedBecause);
        }

        @Signal
        public void approve(String manager) {
            approvedBy = manager;
        }

        @Signal
        public void reject(String reason) {
            rejectedBecause = reason;
        }

        @Query
        public String status() {
            return approvedBy != null ? "approved" : rejectedBecause != null ? "rejected" : "waiting for a decision";
        }
    }

    /** Runs an approved expense and an expired one; returns both results. */
    public static List<String> run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        Duration timeout = Duration.ofDays(3);
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).addWorkflowClass(ExpenseApprovalWorkflow.class).build().start()) {
            WorkflowHandle<String> approved = environment.whileUserActs(() -> {
                WorkflowHandle<String> handle = client.startWorkflow(ExpenseApprovalWorkflow::run, new Expense("E-1", 12_50),
                    timeout, options("expense-approval")).join();
                System.out.println("Started workflow " + handle.getWorkflowId());
                System.out.println("  status: " + handle.query(ExpenseApprovalWorkflow::status).join());
                handle.signal(ExpenseApprovalWorkflow::approve, "Maria").join();
                System.out.println("  signalled approve(\"Maria\")");
                return handle;
            });
            String first = approved.getResult().join();
            System.out.println("  status: " + approved.query(ExpenseApprovalWorkflow::status).join());
            System.out.println("  result: " + first);

            WorkflowHandle<String> expired = client.startWorkflow(ExpenseApprovalWorkflow::run, new Expense("E-2", 99_00),
                timeout, options("expense-approval")).join();
            System.out.println("Started workflow " + expired.getWorkflowId() + " (nobody decides within " + timeout.toDays() + " days)");
            String second = expired.getResult().join();
            System.out.println("  result: " + second);
            return List.of(first, second);
        }
    }

    private static WorkflowOptions options(String prefix) {
        return WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId(prefix)).taskQueue(TASK_QUEUE).build();
    }

    public static void main(String[] args) {
        SampleEnvironment.run(ApprovalJava::run);
    }
}
