package dev.temporalkt.benchmarks.javasdk;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public final class FanOutChildWorkflowImpl implements FanOutChildWorkflow {
    private final BenchActivities activities = Workflow.newActivityStub(
        BenchActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build());

    @Override
    public String run(String input) {
        return activities.echo(input);
    }
}
