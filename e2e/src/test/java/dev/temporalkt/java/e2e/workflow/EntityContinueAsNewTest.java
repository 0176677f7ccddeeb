package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.client.WorkflowContinuedAsNewException;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's entity workflow in Java, on both servers: an account that applies deposits sent as signals and continues
 * as new with its state every two deposits, once its handlers have finished, and carries a close request to the next
 * run. The test sends the next deposits once a run has continued as new (it waits for that run's close), so the chain
 * has exactly three runs; the client's result follows the chain, and each run's history is replayed.
 */
@Timeout(180)
class EntityContinueAsNewTest extends OnBothServers {
  /** The state an account carries from run to run. */
  public record AccountState(int balance, int deposits, int runs, boolean closing) {}

  @WorkflowInterface(name = "JavaAccount")
  public static class AccountWorkflow {
    private static final int DEPOSITS_PER_RUN = 2;
    private final Deque<Integer> pending = new ArrayDeque<>();
    private boolean closed;
    private AccountState state;

    @WorkflowRun
    public CompletableFuture<AccountState> run(AccountState start) {
      state = new AccountState(start.balance(), start.deposits(), start.runs() + 1, start.closing());
      // signals that came with the run's first task were delivered before this method ran
      closed = closed || start.closing();
      return serve(0);
    }

    /** Applies deposits as they come; after a few, continues as new with the state. */
    private CompletableFuture<AccountState> serve(int appliedInThisRun) {
      return Workflow.await(() -> !pending.isEmpty() || closed).thenCompose(ignored -> {
        int applied = appliedInThisRun;
        while (!pending.isEmpty()) {
          state = new AccountState(state.balance() + pending.poll(), state.deposits() + 1, state.runs(), state.closing());
          applied++;
        }
        if (applied >= DEPOSITS_PER_RUN) {
          // a close request that came meanwhile goes to the next run with the state
          return Workflow.await(Workflow::allHandlersFinished).thenApply(handled -> {
            Workflow.continueAsNew(new AccountState(state.balance(), state.deposits(), state.runs(), closed));
            return state;
          });
        }
        if (closed) return Workflow.completedFuture(state);
        return serve(applied);
      });
    }

    @Signal
    public void deposit(int amount) {
      pending.add(amount);
    }

    @Signal
    public void close() {
      closed = true;
    }

    @Query
    public AccountState state() {
      return state;
    }
  }

  private static EventType last(List<EventType> types) {
    return types.get(types.size() - 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anEntityContinuesAsNewWithItsState(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, List.of(AccountWorkflow.class), List.of(), run -> run.userActs(() -> {
      WorkflowHandle<AccountState> handle =
          join(run.client.startWorkflow(AccountWorkflow::run, new AccountState(0, 0, 0, false), run.options("account")));
      // two deposits make the first run continue as new; the test waits for that run to close before the next ones
      join(handle.signal(AccountWorkflow::deposit, 1));
      join(handle.signal(AccountWorkflow::deposit, 2));
      WorkflowContinuedAsNewException first = failure(handle.getResult(false), WorkflowContinuedAsNewException.class);
      assertEquals(handle.getResultRunId(), first.getRunId());
      assertEquals(new AccountState(3, 2, 2, false), join(
          run.client.getWorkflowHandle(handle.getWorkflowId(), first.getNewExecutionRunId(), AccountState.class)
              .query(AccountWorkflow::state)));

      // the signals reach the latest run: two more deposits, a second continue-as-new
      join(handle.signal(AccountWorkflow::deposit, 3));
      join(handle.signal(AccountWorkflow::deposit, 4));
      WorkflowHandle<AccountState> second =
          run.client.getWorkflowHandle(handle.getWorkflowId(), first.getNewExecutionRunId(), AccountState.class);
      WorkflowContinuedAsNewException secondContinued = failure(second.getResult(false), WorkflowContinuedAsNewException.class);

      // the last deposit and the close request, in the third run
      join(handle.signal(AccountWorkflow::deposit, 5));
      join(handle.signal(AccountWorkflow::close));
      assertEquals(new AccountState(15, 5, 3, false), join(handle.getResult()));
      WorkflowHandle<AccountState> third =
          run.client.getWorkflowHandle(handle.getWorkflowId(), secondContinued.getNewExecutionRunId(), AccountState.class);
      assertEquals(new AccountState(15, 5, 3, false), join(third.getResult(false)));
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, last(run.eventTypes(second)));
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, last(run.eventTypes(third)));

      run.replay(handle.getWorkflowId(), first.getRunId());
      run.replay(second);
      run.replay(third);
      return null;
    }));
  }
}
