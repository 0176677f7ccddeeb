package dev.temporalkt.java.e2e;

import static dev.temporalkt.java.e2e.JavaE2e.failure;
import static dev.temporalkt.java.e2e.JavaE2e.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.ActivityInfo;
import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.client.AsyncActivityId;
import dev.temporalkt.client.ConnectionException;
import dev.temporalkt.client.CountWorkflowsInput;
import dev.temporalkt.client.DescribeWorkflowInput;
import dev.temporalkt.client.WorkflowExecutionCount;
import dev.temporalkt.client.schedule.ScheduleBackfill;
import dev.temporalkt.client.schedule.ScheduleListDescription;
import dev.temporalkt.client.schedule.ScheduleOverlapPolicy;
import dev.temporalkt.common.WorkflowExecutionStatus;
import dev.temporalkt.converter.DataConverter;
import dev.temporalkt.envconfig.ClientConfigProfile;
import dev.temporalkt.failure.ActivityFailure;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.failure.RpcException;
import dev.temporalkt.failure.RpcStatusCode;
import dev.temporalkt.failure.WorkflowFailedException;
import dev.temporalkt.java.client.ClientInterceptor;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.ClientOutboundInterceptor;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.ListWorkflowsOptions;
import dev.temporalkt.java.client.QueryWorkflowInput;
import dev.temporalkt.java.client.RpcRetryOptions;
import dev.temporalkt.java.client.SignalWorkflowInput;
import dev.temporalkt.java.client.StartWorkflowInput;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowExecutionDescription;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.client.schedule.CreateScheduleOptions;
import dev.temporalkt.java.client.schedule.Schedule;
import dev.temporalkt.java.client.schedule.ScheduleAction;
import dev.temporalkt.java.client.schedule.ScheduleClient;
import dev.temporalkt.java.client.schedule.ScheduleDescription;
import dev.temporalkt.java.client.schedule.ScheduleHandle;
import dev.temporalkt.java.client.schedule.ScheduleIntervalSpec;
import dev.temporalkt.java.client.schedule.ScheduleSpec;
import dev.temporalkt.java.client.schedule.ScheduleState;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rest of the Java client end to end: asynchronous activity completion and Java interceptors on both servers;
 * listing and counting, and a schedule's whole life, on the dev server (the embedded server implements neither
 * visibility queries nor schedules); connecting with an environment configuration profile, and a connection that
 * cannot work.
 */
@Timeout(90)
class JavaClientServicesTest extends OnJavaE2eServers {
  private static final OrderRequest REQUEST = new OrderRequest("ada", List.of(new Order("apple", 2)));

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void asyncActivityCompletionByTokenAndFailureById(JavaE2e.Server server) throws Exception {
    BlockingQueue<ActivityInfo> started = new ArrayBlockingQueue<>(4);
    JavaE2e.withWorker(server, List.of(AsyncChargeWorkflow.class), List.of(new ChargeActivities(started)), run -> {
      WorkflowHandle<String> charged = join(run.client.startWorkflow("JavaAsyncCharge", String.class, run.options("charge"), "order-1"));
      ActivityInfo info = started.poll(30, TimeUnit.SECONDS);
      assertEquals("charge", info.getActivityType());
      var activity = run.client.getAsyncActivityHandle(info.getTaskToken());
      assertInstanceOf(AsyncActivityId.TaskToken.class, activity.getActivity());
      join(activity.heartbeat("half way"));
      join(activity.complete("charged order-1"));
      assertEquals("charged order-1", join(charged.getResult()));

      WorkflowHandle<String> declined = join(run.client.startWorkflow("JavaAsyncCharge", String.class, run.options("decline"), "order-2"));
      ActivityInfo second = started.poll(30, TimeUnit.SECONDS);
      var byId = run.client.getAsyncActivityHandle(declined.getWorkflowId(), null, second.getActivityId());
      join(byId.fail(ApplicationFailure.nonRetryable("card declined", "CardDeclined")));
      WorkflowFailedException failed = failure(declined.getResult(), WorkflowFailedException.class);
      ActivityFailure activityFailure = assertInstanceOf(ActivityFailure.class, failed.getCause());
      ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, activityFailure.getCause());
      assertEquals("card declined", cause.getMessage());
      assertEquals("CardDeclined", cause.getType());
      run.replay(charged);
    });
  }

  /** Adds a tenant header to starts, upper-cases the approver of approve signals, and records the calls it sees. */
  static final class TenantInterceptor implements ClientInterceptor {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Payload tenant = DataConverter.Companion.getDefault().getPayloadConverter().toPayload("acme", (Type) String.class);

    @Override
    public ClientOutboundInterceptor interceptClient(ClientOutboundInterceptor next) {
      return new ClientOutboundInterceptor(next) {
        @Override
        public CompletableFuture<WorkflowHandle<Object>> startWorkflow(StartWorkflowInput input) {
          calls.add("start " + input.getWorkflowType() + " " + input.getArgTypes());
          Map<String, Payload> headers = new HashMap<>(input.getHeaders());
          headers.put("tenant", tenant);
          return super.startWorkflow(input.withHeaders(headers));
        }

        @Override
        public CompletableFuture<Void> signalWorkflow(SignalWorkflowInput input) {
          calls.add("signal " + input.getSignalName());
          if (!input.getSignalName().equals("approve")) return super.signalWorkflow(input);
          String by = (String) input.getArgs().get(0);
          return super.signalWorkflow(input.withArgs(List.of(by.toUpperCase()), List.of(String.class)));
        }

        @Override
        public CompletableFuture<Object> queryWorkflow(QueryWorkflowInput input) {
          calls.add("query " + input.getQueryType());
          return super.queryWorkflow(input);
        }

        @Override
        public CompletableFuture<WorkflowExecutionDescription> describeWorkflow(DescribeWorkflowInput input) {
          calls.add("describe");
          return super.describeWorkflow(input);
        }
      };
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void javaInterceptorsChangeArgumentsAndHeaders(JavaE2e.Server server) throws Exception {
    TenantInterceptor interceptor = new TenantInterceptor();
    ClientOptions options = ClientOptions.newBuilder().addInterceptor(interceptor).build();
    JavaE2e.withWorker(server, options, List.of(OrdersWorkflowImpl.class), List.of(), run -> {
      WorkflowHandle<List<Order>> handle = join(run.client.startWorkflow(OrderWorkflow::run, REQUEST, run.options("intercepted")));
      assertEquals("acme", join(handle.query(OrderWorkflow::tenantHeader)));
      join(handle.signal(OrderWorkflow::approve, "alice"));
      join(handle.getResult());
      assertEquals("approved by ALICE", join(handle.query("status", String.class)));
      assertEquals(WorkflowExecutionStatus.COMPLETED, join(handle.describe()).getStatus());
      assertEquals(
          List.of(
              "start JavaOrders [class dev.temporalkt.java.e2e.OrderRequest]",
              "query tenant",
              "signal approve",
              "query status",
              "describe"),
          interceptor.calls);
    });
  }

  @Test
  void listAndCountOnTheDevServer() throws Exception {
    JavaE2e.withWorker(JavaE2e.devServer(), List.of(CountdownWorkflowImpl.class), List.of(), run -> {
      for (int i = 0; i < 3; i++) {
        join(run.client.executeWorkflow(CountdownWorkflow::run, 0, run.options("listed")));
      }
      String query = "TaskQueue = '" + run.taskQueue + "'";
      eventually(() -> join(run.client.listWorkflows(query)).size() == 3);
      List<WorkflowExecutionDescription> limited =
          join(run.client.listWorkflows(ListWorkflowsOptions.newBuilder().query(query).pageSize(1).limit(2).build()));
      assertEquals(2, limited.size());
      limited.forEach(description -> assertEquals("JavaCountdown", description.getWorkflowType()));
      try (Stream<WorkflowExecutionDescription> stream = run.client.streamWorkflows(query)) {
        assertEquals(3, stream.filter(d -> d.getStatus() == WorkflowExecutionStatus.COMPLETED).count());
      }
      eventually(() -> join(run.client.countWorkflows(query)).getCount() == 3);
      WorkflowExecutionCount grouped = join(run.client.countWorkflows(query + " GROUP BY ExecutionStatus"));
      assertEquals(1, grouped.getGroups().size());
      assertEquals(List.of("Completed"), grouped.getGroups().get(0).getGroupValues());
      assertEquals(3, grouped.getGroups().get(0).getCount());
    });
  }

  @Test
  void scheduleRoundTripOnTheDevServer() throws Exception {
    JavaE2e.withWorker(JavaE2e.devServer(), List.of(CountdownWorkflowImpl.class), List.of(), run -> {
      ScheduleClient schedules = ScheduleClient.of(run.client);
      String id = "java-schedule-" + UUID.randomUUID();
      WorkflowOptions action = WorkflowOptions.newBuilder().id("scheduled-" + id).taskQueue(run.taskQueue).build();
      Schedule schedule =
          Schedule.newBuilder()
              .action(ScheduleAction.startWorkflow(CountdownWorkflow::run, 1, action))
              .spec(ScheduleSpec.newBuilder().addInterval(ScheduleIntervalSpec.of(Duration.ofHours(1), Duration.ofMinutes(5))).build())
              .state(ScheduleState.newBuilder().paused(true).note("created paused").build())
              .build();
      ScheduleHandle handle =
          join(schedules.createSchedule(id, schedule, CreateScheduleOptions.newBuilder().memo("owner", "ops").build()));
      assertEquals(id, handle.getId());

      ScheduleDescription described = join(handle.describe());
      assertEquals("JavaCountdown", described.getSchedule().getAction().getWorkflowType());
      assertEquals(Duration.ofHours(1), described.getSchedule().getSpec().getIntervals().get(0).getEvery());
      assertEquals(Duration.ofMinutes(5), described.getSchedule().getSpec().getIntervals().get(0).getOffset());
      assertTrue(described.getSchedule().getState().isPaused());
      assertEquals("created paused", described.getSchedule().getState().getNote());
      assertEquals("ops", join(described.getMemoValue("owner", String.class)));

      join(handle.unpause("go"));
      join(handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL));
      eventually(() -> join(handle.describe()).getNumActions() >= 1);
      ScheduleDescription afterTrigger = join(handle.describe());
      assertEquals(false, afterTrigger.getSchedule().getState().isPaused());
      String started = afterTrigger.getRecentActions().get(0).getWorkflowId();
      assertTrue(started.startsWith("scheduled-" + id), started);
      assertEquals("liftoff", join(run.client.getWorkflowHandle(started, String.class).getResult()));

      join(handle.pause("maintenance"));
      ScheduleDescription paused = join(handle.describe());
      assertTrue(paused.getSchedule().getState().isPaused());
      assertEquals("maintenance", paused.getSchedule().getState().getNote());
      join(handle.unpause());

      Instant now = Instant.now();
      join(handle.backfill(new ScheduleBackfill(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)), ScheduleOverlapPolicy.ALLOW_ALL)));
      eventually(() -> join(handle.describe()).getNumActions() >= 3);

      join(handle.update(description -> description.getSchedule().toBuilder()
          .state(ScheduleState.newBuilder().paused(true).note("updated from Java").build())
          .build()));
      ScheduleDescription updated = join(handle.describe());
      assertEquals("updated from Java", updated.getSchedule().getState().getNote());
      assertTrue(updated.getSchedule().getState().isPaused());
      // the action read back keeps its encoded argument through the update
      assertEquals(1, updated.getSchedule().getAction().getEncodedArgs().getPayloadsCount());

      eventually(() -> join(schedules.listSchedules()).stream().map(ScheduleListDescription::getId).anyMatch(id::equals));
      join(handle.delete());
      RpcException gone = failure(handle.describe(), RpcException.class);
      assertEquals(RpcStatusCode.NOT_FOUND, gone.getCode());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void connectWithAnEnvironmentConfigurationProfile(JavaE2e.Server server) {
    ClientConfigProfile profile = new ClientConfigProfile(server.target().get(), "default");
    try (TemporalClient client = join(TemporalClient.connect(profile))) {
      assertEquals("default", client.getNamespace());
      assertTrue(!join(client.getSystemInfo()).getServerVersion().isEmpty() || server.timeSkipping());
      assertEquals(server.target().get(), client.getConnection().getOptions().getTarget());
    }
  }

  @Test
  void aConnectionThatCannotWorkFailsTheConnectFuture() {
    ConnectionOptions unreachable =
        ConnectionOptions.newBuilder()
            .target("127.0.0.1:1")
            .rpcRetry(RpcRetryOptions.none())
            .rpcTimeout(Duration.ofSeconds(2))
            .build();
    ConnectionException error = failure(TemporalClient.connect(unreachable), ConnectionException.class);
    assertTrue(error.getMessage().contains("127.0.0.1:1"), error.getMessage());
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
      Thread.sleep(200);
    }
  }
}
