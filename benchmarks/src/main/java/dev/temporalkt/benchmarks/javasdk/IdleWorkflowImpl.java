package dev.temporalkt.benchmarks.javasdk;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public final class IdleWorkflowImpl implements IdleWorkflow {
    private final BenchActivities activities = Workflow.newActivityStub(
        BenchActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build());
    private boolean released;

    @Override
    public String run(String input) {
        String result = activities.echo(input);
        Workflow.await(() -> released);
        return result;
    }

    @Override
    public void release() {
        released = true;
    }
}
