package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.failure;
import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.failure.WorkflowUpdateFailedException;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Query;
import dev.temporalkt.workflow.RawValue;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.Update;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's dynamic workflow and handlers in Java, on both servers, histories replayed afterwards: a dynamic workflow
 * runs for any workflow type and reads its arguments as raw values; dynamic signal, query and update handlers receive
 * the messages that have no handler of their own; handlers registered at run time (a signal, a query, an update with a
 * validator that rejects) take their names.
 */
@Timeout(180)
class DynamicTest extends OnBothServers {
  @WorkflowInterface(dynamic = true)
  public static class AnyWorkflow {
    private final List<String> events = new ArrayList<>();
    private boolean stopped;

    @WorkflowRun
    public CompletableFuture<String> run(List<RawValue> args) {
      String type = Workflow.getInfo().getWorkflowType();
      String first = args.get(0).get(String.class);
      int second = args.get(1).get(Integer.class);
      Workflow.setSignalHandler("note", values -> events.add("note " + values.get(0).get(String.class)));
      Workflow.setQueryHandler("count", values -> events.size());
      Workflow.setUpdateHandler(
          "rename",
          values -> Workflow.completedFuture("renamed to " + values.get(0).get(String.class)),
          values -> {
            if (values.get(0).get(String.class).isBlank()) throw new IllegalArgumentException("a name must not be blank");
          });
      return Workflow.await(() -> stopped).thenApply(ignored -> type + "(" + first + ", " + second + "): " + events);
    }

    @Signal(dynamic = true)
    public void onSignal(String name, List<RawValue> args) {
      if (name.equals("stop")) stopped = true;
      else events.add(name + " " + args.get(0).get(String.class));
    }

    @Query(dynamic = true)
    public String onQuery(String name, List<RawValue> args) {
      return name + " after " + events.size() + " event(s)";
    }

    @Update(dynamic = true)
    public CompletableFuture<Integer> onUpdate(String name, List<RawValue> args) {
      events.add("update " + name + " " + args.get(0).get(Integer.class));
      return Workflow.completedFuture(events.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aDynamicWorkflowWithDynamicAndRunTimeHandlers(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, List.of(AnyWorkflow.class), List.of(), run -> run.userActs(() -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow("WhateverType", String.class, run.options("dynamic"), "x", 7));
      join(handle.signal("greet", "hello"));
      assertEquals("status after 1 event(s)", join(handle.query("status", String.class)));
      assertEquals(2, join(handle.executeUpdate("grow", Integer.class, 3)));
      join(handle.signal("note", "by name"));
      assertEquals(3, join(handle.query("count", Integer.class)));
      assertEquals("renamed to ada", join(handle.executeUpdate("rename", String.class, "ada")));
      WorkflowUpdateFailedException rejected = failure(handle.executeUpdate("rename", String.class, " "), WorkflowUpdateFailedException.class);
      assertTrue(rejected.getCause().getMessage().contains("a name must not be blank"), rejected.getCause().getMessage());
      join(handle.signal("stop"));
      assertEquals("WhateverType(x, 7): [greet hello, update grow 3, note by name]", join(handle.getResult()));
      run.replay(handle);
      return null;
    }));
  }
}
