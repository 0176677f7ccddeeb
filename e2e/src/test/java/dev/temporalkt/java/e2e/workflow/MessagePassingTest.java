package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.client.WorkflowUpdateStage;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.failure.WorkflowUpdateFailedException;
import dev.temporalkt.java.client.UpdateOptions;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowUpdateHandle;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.java.workflow.WorkflowLock;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.UpdateValidator;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's message-passing examples in Java, on both servers, each history replayed afterwards: an approval workflow
 * with a signal, a query and a wait with a timeout (approved in time, and timed out); a shopping cart whose items are
 * added by updates that run an activity, one rejected by its validator; and handlers kept from interleaving by a
 * {@link WorkflowLock}.
 */
@Timeout(180)
class MessagePassingTest extends OnBothServers {
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(30)).build();

  // ---- approval: a signal, a query and a wait with a timeout

  @WorkflowInterface(name = "JavaApproval")
  public static class ApprovalWorkflow {
    private String approver;
    private boolean rejected;

    @WorkflowRun
    public CompletableFuture<String> run(long timeoutMillis) {
      return Workflow.await(Duration.ofMillis(timeoutMillis), () -> approver != null || rejected)
          .thenApply(inTime -> !inTime ? "timed out" : rejected ? "rejected" : "approved by " + approver);
    }

    @Signal
    public void approve(String by) {
      approver = by;
    }

    @Signal(name = "reject")
    public void reject() {
      rejected = true;
    }

    @Query
    public String status() {
      return approver != null ? "approved by " + approver : rejected ? "rejected" : "waiting";
    }
  }

  // ---- shopping cart: updates running an activity, a validator that rejects

  public record Item(String name, int quantity) {}

  public record Line(String name, int quantity, int price) {}

  public record Receipt(String customer, List<Line> lines, int total) {}

  public static class CartActivities {
    @Activity
    public int price(Item item) {
      return item.quantity() * item.name().length();
    }
  }

  @WorkflowInterface(name = "JavaCart")
  public static class CartWorkflow {
    private final List<Line> lines = new ArrayList<>();
    private boolean checkedOut;

    @WorkflowRun
    public CompletableFuture<Receipt> run(String customer) {
      return Workflow.await(() -> checkedOut)
          .thenCompose(ignored -> Workflow.await(Workflow::allHandlersFinished))
          .thenApply(ignored -> new Receipt(customer, List.copyOf(lines), lines.stream().mapToInt(Line::price).sum()));
    }

    @Update
    public CompletableFuture<Integer> addItem(Item item) {
      return Workflow.executeActivity(CartActivities::price, item, OPTIONS)
          .thenApply(price -> {
            lines.add(new Line(item.name(), item.quantity(), price));
            return lines.size();
          });
    }

    @UpdateValidator(updateName = "addItem")
    public void validateAddItem(Item item) {
      if (item.quantity() <= 0) {
        throw new IllegalArgumentException("the quantity of " + item.name() + " must be positive, was " + item.quantity());
      }
    }

    @Update
    public int checkout() {
      checkedOut = true;
      return lines.size();
    }

    @Query
    public List<Line> lines() {
      return lines;
    }
  }

  // ---- mutual exclusion of handlers

  /** Latches the test opens to let an activity finish, by key. */
  static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

  public static class GatedActivities {
    @Activity
    public String passGate(String key) {
      CountDownLatch gate = GATES.get(key);
      try {
        if (gate != null && !gate.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the gate " + key + " never opened");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return key;
    }
  }

  @WorkflowInterface(name = "JavaLockedJournal")
  public static class JournalWorkflow {
    private final WorkflowLock lock = new WorkflowLock();
    private final List<String> journal = new ArrayList<>();
    private boolean done;

    @WorkflowRun
    public CompletableFuture<List<String>> run() {
      return Workflow.await(() -> done)
          .thenCompose(ignored -> Workflow.await(Workflow::allHandlersFinished))
          .thenApply(ignored -> journal);
    }

    /** Writes two entries around an activity; the lock keeps another update's entries from coming in between. */
    @Update
    public CompletableFuture<String> write(String entry, String gate) {
      return lock.withLock(() -> {
        journal.add(entry + " begins");
        return Workflow.executeActivity(GatedActivities::passGate, gate, OPTIONS)
            .thenApply(passed -> {
              journal.add(entry + " ends");
              return entry;
            });
      });
    }

    @Query
    public int waiting() {
      return lock.getQueueLength();
    }

    @Signal
    public void finish() {
      done = true;
    }
  }

  private static final List<Class<?>> WORKFLOWS = List.of(ApprovalWorkflow.class, CartWorkflow.class, JournalWorkflow.class);
  private static final List<Object> ACTIVITIES = List.of(new CartActivities(), new GatedActivities());

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void approvalArrivesBeforeTheTimeout(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, ACTIVITIES, run -> {
      WorkflowHandle<String> handle = run.userActs(() -> {
        WorkflowHandle<String> started =
            join(run.client.startWorkflow(ApprovalWorkflow::run, Duration.ofDays(1).toMillis(), run.options("approval")));
        assertEquals("waiting", join(started.query(ApprovalWorkflow::status)));
        join(started.signal(ApprovalWorkflow::approve, "ada"));
        return started;
      });
      assertEquals("approved by ada", join(handle.getResult()));
      assertEquals("approved by ada", join(handle.query(ApprovalWorkflow::status)));
      List<EventType> types = run.eventTypes(handle);
      assertTrue(types.contains(EventType.EVENT_TYPE_TIMER_CANCELED), () -> "the timeout's timer is cancelled: " + types);
      assertFalse(types.contains(EventType.EVENT_TYPE_TIMER_FIRED), types::toString);
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void approvalTimesOutOnADurableTimer(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, ACTIVITIES, run -> {
      long timeout = server.timer(Duration.ofDays(7), Duration.ofSeconds(2)).toMillis();
      WorkflowHandle<String> handle = join(run.client.startWorkflow(ApprovalWorkflow::run, timeout, run.options("approval-timeout")));
      assertEquals("timed out", join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertTrue(types.contains(EventType.EVENT_TYPE_TIMER_FIRED), types::toString);
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void shoppingCartWithUpdatesAndAValidatorThatRejects(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, ACTIVITIES, run -> {
      WorkflowHandle<Receipt> handle = run.userActs(() -> {
        WorkflowHandle<Receipt> started = join(run.client.startWorkflow(CartWorkflow::run, "ada", run.options("cart")));
        assertEquals(1, join(started.executeUpdate(CartWorkflow::addItem, new Item("pear", 2))));
        assertEquals(2, join(started.executeUpdate(CartWorkflow::addItem, new Item("fig", 3))));

        WorkflowUpdateFailedException rejected =
            failure(started.executeUpdate(CartWorkflow::addItem, new Item("kiwi", 0)), WorkflowUpdateFailedException.class);
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, rejected.getCause());
        assertTrue(cause.getMessage().contains("the quantity of kiwi must be positive, was 0"), cause.getMessage());
        assertEquals("IllegalArgumentException", cause.getType());
        assertEquals(List.of(new Line("pear", 2, 8), new Line("fig", 3, 9)), join(started.query(CartWorkflow::lines)));

        assertEquals(2, join(started.executeUpdate(CartWorkflow::checkout)));
        return started;
      });
      assertEquals(new Receipt("ada", List.of(new Line("pear", 2, 8), new Line("fig", 3, 9)), 17), join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertEquals(3, types.stream().filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).count(), types::toString);
      assertEquals(3, types.stream().filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED).count(), types::toString);
      run.replay(handle);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aLockKeepsHandlersFromInterleaving(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, WORKFLOWS, ACTIVITIES, run -> {
      String gate = "gate-" + java.util.UUID.randomUUID();
      GATES.put(gate, new CountDownLatch(1));
      WorkflowHandle<List<String>> handle = run.userActs(() -> {
        WorkflowHandle<List<String>> started = join(run.client.startWorkflow(JournalWorkflow::run, run.options("journal")));
        UpdateOptions accepted = UpdateOptions.newBuilder().waitForStage(WorkflowUpdateStage.ACCEPTED).build();
        // the first update holds the lock while its activity waits at the gate; the second waits for the lock
        WorkflowUpdateHandle<String> first = join(started.startUpdate(JournalWorkflow::write, "first", gate, accepted));
        WorkflowUpdateHandle<String> second = join(started.startUpdate(JournalWorkflow::write, "second", "open", accepted));
        assertEquals(1, join(started.query(JournalWorkflow::waiting)));
        GATES.get(gate).countDown();
        assertEquals("first", join(first.getResult()));
        assertEquals("second", join(second.getResult()));
        join(started.signal(JournalWorkflow::finish));
        return started;
      });
      assertEquals(List.of("first begins", "first ends", "second begins", "second ends"), join(handle.getResult()));
      run.replay(handle);
    });
  }
}
