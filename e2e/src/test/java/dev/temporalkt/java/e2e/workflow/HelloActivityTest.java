package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.api.enums.v1.EventType;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Temporal documentation's hello-activity example in Java, on both servers: a Java workflow whose run method returns the future of a
 * Java activity (called by method reference, with a record argument), a blocking activity and one returning a
 * future, all on a worker built from Java; the history replays afterwards.
 */
@Timeout(120)
class HelloActivityTest extends OnBothServers {
  /** The activity's argument, converted with Jackson. */
  public record Greeting(String greeting, String name) {}

  public static class GreetingActivities {
    @Activity
    public String composeGreeting(Greeting input) {
      return input.greeting() + ", " + input.name() + "!";
    }

    @Activity(name = "shout")
    public CompletableFuture<String> shout(String text) {
      return CompletableFuture.supplyAsync(() -> text.toUpperCase());
    }
  }

  @WorkflowInterface
  public static class HelloWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();

    @WorkflowRun
    public CompletableFuture<String> run(String name) {
      return Workflow.executeActivity(GreetingActivities::composeGreeting, new Greeting("Hello", name), OPTIONS)
          .thenCompose(greeting -> Workflow.executeActivity(GreetingActivities::shout, greeting, OPTIONS));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void helloActivity(JavaWorkflowServers.Server server) throws Exception {
    JavaWorkflowServers.withWorker(server, List.of(HelloWorkflow.class), List.of(new GreetingActivities()), run -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow(HelloWorkflow::run, "Temporal", run.options("hello")));
      assertEquals("HELLO, TEMPORAL!", join(handle.getResult()));
      List<EventType> types = run.eventTypes(handle);
      assertEquals(2, types.stream().filter(t -> t == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).count(), types.toString());
      assertTrue(types.get(types.size() - 1) == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, types.toString());
      run.replay(handle);
    });
  }
}
