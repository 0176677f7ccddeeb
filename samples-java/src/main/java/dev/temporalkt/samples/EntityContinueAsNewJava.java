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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * A long-running entity with continue-as-new: a loyalty account lives as one workflow that applies point signals as
 * they come. To keep its history short it continues as new every few signals, handing its state to the next run
 * (same workflow id, fresh history); a real entity would continue when {@link Workflow#isContinueAsNewSuggested()}
 * says so. A query reads the state of whichever run is current; a {@code close} signal ends the entity.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.EntityContinueAsNewJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class EntityContinueAsNewJava {
    static final String TASK_QUEUE = "entity-continue-as-new-java";

    private EntityContinueAsNewJava() {
    }

    /** The entity's state, carried from run to run. */
    public record Account(String owner, int points, int signalsApplied, int run, boolean closing) {
    }

    @WorkflowInterface
    public static class LoyaltyAccountWorkflow {
        /** Small so that the sample shows a few runs; a real entity would use thousands or the server's suggestion. */
        static final int SIGNALS_PER_RUN = 3;
        private final Deque<Integer> pending = new ArrayDeque<>();
        private boolean closing;
        private Account account;

        @WorkflowRun
        public CompletableFuture<Account> run(Account start) {
            account = new Account(start.owner(), start.points(), start.signalsApplied(), start.run() + 1, false);
            closing = closing || start.closing();
            return serve(0);
        }

        private CompletableFuture<Account> serve(int appliedInThisRun) {
            return Workflow.await(() -> !pending.isEmpty() || closing).thenCompose(woken -> {
                int applied = appliedInThisRun;
                while (!pending.isEmpty()) {
                    account = new Account(account.owner(), account.points() + pending.poll(), account.signalsApplied() + 1,
                        account.run(), false);
                    applied++;
                }
                if (applied >= SIGNALS_PER_RUN || Workflow.isContinueAsNewSuggested()) {
                    // let running handlers finish, then hand the state (and a pending close) to the next run
                    return Workflow.await(Workflow::allHandlersFinished).thenApply(finished -> {
                        Workflow.continueAsNew(new Account(account.owner(), account.points(), account.signalsApplied(),
                            account.run(), closing));
                        return account; // not reached: continueAsNew ends this run
                    });
                }
                if (closing) return Workflow.completedFuture(account);
                return serve(applied);
            });
        }

        @Signal
        public void addPoints(int points) {
            pending.add(points);
        }

        @Signal
        public void close() {
            closing = true;
        }

        @Query
        public Account account() {
            return account;
        }
    }

    /** Sends points to an account, one signal at a time, then closes it; returns its final state. */
    public static Account run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).addWorkflowClass(LoyaltyAccountWorkflow.class).build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("loyalty-account")).taskQueue(TASK_QUEUE).build();
            return environment.whileUserActs(() -> {
                WorkflowHandle<Account> handle = client.startWorkflow(LoyaltyAccountWorkflow::run,
                    new Account("ada", 0, 0, 0, false), options).join();
                System.out.println("Started workflow " + handle.getWorkflowId());
                for (int points : new int[] {10, 20, 30, 40, 50, 60, 70}) {
                    handle.signal(LoyaltyAccountWorkflow::addPoints, points).join();
                }
                System.out.println("  sent 7 addPoints signals; current run's state: " + handle.query(LoyaltyAccountWorkflow::account).join());
                handle.signal(LoyaltyAccountWorkflow::close).join();
                // a handle without a run id follows the chain of runs to the last one's result
                Account result = handle.getResult().join();
                System.out.println("  result: " + result);
                return result;
            });
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(EntityContinueAsNewJava::run);
    }
}
