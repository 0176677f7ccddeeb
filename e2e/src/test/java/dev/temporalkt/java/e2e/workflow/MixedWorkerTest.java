package dev.temporalkt.java.e2e.workflow;

import static dev.temporalkt.java.e2e.workflow.JavaWorkflowServers.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.ChildWorkflowOptions;
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
 * Java and Kotlin on one worker and one task queue, on both servers, histories replayed afterwards: a Java workflow
 * calls a Kotlin activity by method reference (a Kotlin data class comes back), a Kotlin suspend activity by name, and
 * a Kotlin child workflow, which calls a Java activity (with a Java record) by reference from Kotlin.
 */
@Timeout(120)
class MixedWorkerTest extends OnBothServers {
  /** A Java record passed from Kotlin to Java. */
  public record Wave(String to, int times) {}

  public static class JavaActivities {
    @Activity
    public String wave(Wave wave) {
      return "waved at " + wave.to() + " " + wave.times() + " times from Java";
    }
  }

  @WorkflowInterface(name = "JavaMixedParent")
  public static class JavaParent {
    private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();

    @WorkflowRun
    public CompletableFuture<String> run(String name) {
      return Workflow.executeActivity(KotlinGreetings::greet, name, OPTIONS)
          .thenCompose(greeting -> Workflow.executeActivity("shout", String.class, OPTIONS, greeting.getText() + " (" + greeting.getBy() + ")"))
          .thenCompose(shouted -> Workflow.executeChildWorkflow(
                  "KotlinChildGreeting", String.class,
                  ChildWorkflowOptions.newBuilder().workflowId(Workflow.getInfo().getWorkflowId() + "-child").build(), name)
              .thenApply(child -> shouted + " / " + child));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void javaAndKotlinWorkflowsAndActivitiesOnOneWorker(JavaWorkflowServers.Server server) throws Exception {
    List<Class<?>> workflows = List.of(JavaParent.class, KotlinChildWorkflow.class);
    JavaWorkflowServers.withWorker(server, workflows, List.of(new KotlinGreetings(), new JavaActivities()), run -> {
      WorkflowHandle<String> handle = join(run.client.startWorkflow(JavaParent::run, "Ada", run.options("mixed")));
      assertEquals(
          "HELLO, ADA (A KOTLIN ACTIVITY) / a Kotlin child got 'waved at Ada 2 times from Java'",
          join(handle.getResult()));
      run.replay(handle);
      run.replay(handle.getWorkflowId() + "-child", null);
    });
  }
}
