package dev.temporalkt.benchmarks.javasdk;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class ReplayWorkflowImpl implements ReplayWorkflow {
    private final BenchActivities activities = Workflow.newActivityStub(
        BenchActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build());
    private final List<String> pings = new ArrayList<>();
    private boolean stopped;

    @Override
    public int run(int fanout) {
        int round = 0;
        while (!stopped) {
            List<Promise<String>> pending = new ArrayList<>(fanout + 1);
            for (int i = 0; i < fanout; i++) {
                pending.add(Async.function(activities::echo, round + "-" + i));
            }
            Promise<Void> timer = Workflow.newTimer(Duration.ofMillis(1));
            timer.get();
            Promise.allOf(pending).get();
            round++;
        }
        return pings.size();
    }

    @Override
    public void ping(String value) {
        pings.add(value);
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
