package dev.temporalkt.java.e2e;

import dev.temporalkt.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowRun;
import java.util.concurrent.CompletableFuture;

/** Continues as new until {@code remaining} reaches zero; implemented in Kotlin by {@code CountdownWorkflowImpl}. */
@Workflow(name = "JavaCountdown")
public interface CountdownWorkflow {
  @WorkflowRun
  CompletableFuture<String> run(int remaining);
}
