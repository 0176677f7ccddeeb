package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's entity workflow in Java, on both servers: an account that applies deposits sent as signals and continues
 * as new with its state every few deposits, once its handlers have finished, so no signal is lost across runs. The
 * client's result follows the chain of runs; the first and last runs' histories are replayed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class EntityContinueAsNewTest {
  /** The state an account carries from run to run. */
  public record AccountState(int balance, int deposits, int runs) {}

  @WorkflowInterface(name = "JavaAccount")
  public static class AccountWorkflow {
    private static final int DEPOSITS_PER_RUN = 2;
    private final Deque<Integer> pending = new ArrayDeque<>();
    private boolean closed;
    private AccountState state;

    @WorkflowRun
    public CompletableFuture<AccountState> run(AccountState start) {
      state = new AccountState(start.balance(), start.deposits(), start.runs() + 1);
      return serve(0);
    }

    /** Applies deposits as they come; after a few, continues as new with the state. */
    private CompletableFuture<AccountState> serve(int appliedInThisRun) {
      return Workflow.await(() -> !pending.isEmpty() || closed).thenCompose(ignored -> {
        int applied = appliedInThisRun;
        while (!pending.isEmpty()) {
          state = new AccountState(state.balance() + pending.poll(), state.deposits() + 1, state.runs());
          applied++;
        }
        if (closed) return Workflow.completedFuture(state);
        if (applied >= DEPOSITS_PER_RUN) {
          return Workflow.await(Workflow::allHandlersFinished).thenApply(handled -> {
            Workflow.continueAsNew(state);
            return state;
          });
        }
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

  private final JavaWorkflowServers servers = new JavaWorkflowServers();

  Stream<JavaWorkflowServers.Server> servers() {
    return servers.servers();
  }

  @AfterAll
  void closeServers() {
    servers.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anEntityContinuesAsNewWithItsState(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, List.of(AccountWorkflow.class), List.of(), run -> run.userActs(() -> {
      WorkflowHandle<AccountState> handle =
          join(run.client.startWorkflow(AccountWorkflow::run, new AccountState(0, 0, 0), run.options("account")));
      for (int amount = 1; amount <= 5; amount++) join(handle.signal(AccountWorkflow::deposit, amount));
      // the last deposit is applied (in whichever run) before the account is closed
      JavaWorkflowServers.eventually("all deposits applied", () -> join(handle.query(AccountWorkflow::state)).deposits() == 5);
      join(handle.signal(AccountWorkflow::close));
      AccountState finalState = join(handle.getResult());
      assertEquals(15, finalState.balance());
      assertEquals(5, finalState.deposits());
      assertTrue(finalState.runs() >= 2, () -> "continued as new at least once: " + finalState);

      WorkflowContinuedAsNewException continued = failure(handle.getResult(false), WorkflowContinuedAsNewException.class);
      assertEquals(handle.getResultRunId(), continued.getRunId());
      run.replay(handle.getWorkflowId(), handle.getResultRunId());
      run.replay(handle);
      return null;
    }));
  }
}
