package dev.temporalkt.benchmarks.javasdk;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class FanOutWorkflowImpl implements FanOutWorkflow {
    private final BenchActivities activities = Workflow.newActivityStub(
        BenchActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build());

    @Override
    public int run(int activityCount, int childCount) {
        List<Promise<String>> pending = new ArrayList<>(activityCount + childCount);
        for (int i = 0; i < activityCount; i++) {
            pending.add(Async.function(activities::echo, "a" + i));
        }
        String parentId = Workflow.getInfo().getWorkflowId();
        for (int i = 0; i < childCount; i++) {
            FanOutChildWorkflow child = Workflow.newChildWorkflowStub(
                FanOutChildWorkflow.class,
                ChildWorkflowOptions.newBuilder().setWorkflowId(parentId + "-child-" + i).build());
            pending.add(Async.function(child::run, "c" + i));
        }
        Promise.allOf(pending).get();
        return pending.size();
    }
}
