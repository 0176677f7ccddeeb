package dev.temporalkt.samples;

import dev.temporalkt.common.ParentClosePolicy;
import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.ChildWorkflowOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.concurrent.CompletableFuture;

/**
 * Parent and child workflows with a parent close policy: an order workflow runs a shipping child and waits for its
 * result, and starts an audit child with {@link ParentClosePolicy#ABANDON}, which keeps running after the parent has
 * completed (with the default policy, {@code TERMINATE}, the server would end it with the parent). The client then
 * finishes the audit child with a signal.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.ParentChildJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class ParentChildJava {
    static final String TASK_QUEUE = "parent-child-java";

    private ParentChildJava() {
    }

    /** A child the parent waits for. */
    @WorkflowInterface
    public static class ShippingWorkflow {
        @WorkflowRun
        public String ship(String order) {
            return "shipped " + order;
        }
    }

    /** A child that outlives its parent: it waits until it is told the books are closed. */
    @WorkflowInterface
    public static class AuditWorkflow {
        private boolean booksClosed;

        @WorkflowRun
        public CompletableFuture<String> audit(String order) {
            return Workflow.await(() -> booksClosed).thenApply(done -> "audited " + order);
        }

        @Signal
        public void closeBooks() {
            booksClosed = true;
        }
    }

    /** The parent: its result names the children. */
    @WorkflowInterface
    public static class OrderWorkflow {
        @WorkflowRun
        public CompletableFuture<String> process(String order) {
            String auditId = Workflow.getInfo().getWorkflowId() + "-audit";
            ChildWorkflowOptions auditOptions = ChildWorkflowOptions.newBuilder()
                .workflowId(auditId)
                .parentClosePolicy(ParentClosePolicy.ABANDON)
                .build();
            ChildWorkflowOptions shippingOptions = ChildWorkflowOptions.newBuilder()
                .workflowId(Workflow.getInfo().getWorkflowId() + "-shipping")
                .build();
            // wait until the audit child has started (so it exists when the parent completes), not until it ends
            return Workflow.startChildWorkflow(AuditWorkflow::audit, order, auditOptions)
                .thenCompose(audit -> Workflow.executeChildWorkflow(ShippingWorkflow::ship, order, shippingOptions))
                .thenApply(shipped -> shipped + "; audit child " + auditId + " left running");
        }
    }

    /** What the sample shows. */
    public record Outcome(String parentResult, WorkflowExecutionStatus auditStatusAfterParent, String auditResult) {
    }

    /** Runs the parent, then finishes the abandoned child. */
    public static Outcome run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE)
                .addWorkflowClasses(OrderWorkflow.class, ShippingWorkflow.class, AuditWorkflow.class)
                .build().start()) {
            // on the time-skipping test server, hold the clock: idle, the abandoned child would skip to its timeout
            return environment.whileUserActs(() -> {
                WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("order")).taskQueue(TASK_QUEUE).build();
                WorkflowHandle<String> parent = client.startWorkflow(OrderWorkflow::process, "order-17", options).join();
                System.out.println("Started workflow " + parent.getWorkflowId());
                String parentResult = parent.getResult().join();
                System.out.println("  parent result: " + parentResult);

                WorkflowHandle<String> audit = client.getWorkflowHandle(parent.getWorkflowId() + "-audit", String.class);
                WorkflowExecutionStatus status = audit.describe().join().getStatus();
                System.out.println("  audit child " + audit.getWorkflowId() + " after the parent completed: " + status);
                audit.signal(AuditWorkflow::closeBooks).join();
                String auditResult = audit.getResult().join();
                System.out.println("  audit child result: " + auditResult);
                return new Outcome(parentResult, status, auditResult);
            });
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(ParentChildJava::run);
    }
}
