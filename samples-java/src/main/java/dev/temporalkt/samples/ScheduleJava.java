package dev.temporalkt.samples;

import dev.temporalkt.client.schedule.ScheduleActionExecution;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.client.schedule.CreateScheduleOptions;
import dev.temporalkt.java.client.schedule.Schedule;
import dev.temporalkt.java.client.schedule.ScheduleAction;
import dev.temporalkt.java.client.schedule.ScheduleClient;
import dev.temporalkt.java.client.schedule.ScheduleDescription;
import dev.temporalkt.java.client.schedule.ScheduleHandle;
import dev.temporalkt.java.client.schedule.ScheduleIntervalSpec;
import dev.temporalkt.java.client.schedule.ScheduleSpec;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.List;

/**
 * A schedule: the server starts a report workflow every hour. The sample creates the schedule (triggered once right
 * away), waits for that first workflow and reads its result, shows the next planned start times, pauses the schedule
 * and deletes it.
 *
 * <p>The embedded test server has no schedules, so by default this sample starts a local Temporal dev server with
 * the {@code temporal} CLI (which must be on the {@code PATH}); {@code TEMPORAL_ADDRESS} or an environment
 * configuration profile selects another server (see {@link SampleEnvironment}).
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.ScheduleJava}
 */
public final class ScheduleJava {
    static final String TASK_QUEUE = "schedule-java";

    private ScheduleJava() {
    }

    @WorkflowInterface
    public static class HourlyReportWorkflow {
        @WorkflowRun
        public String report(String team) {
            return "report for " + team + " by run " + Workflow.getInfo().getWorkflowId();
        }
    }

    /** What the sample shows. */
    public record Outcome(String scheduleId, String firstWorkflowId, String firstResult, int upcomingStarts, boolean paused) {
    }

    /** Creates, uses, pauses and deletes the schedule. */
    public static Outcome run(SampleEnvironment environment) throws InterruptedException {
        TemporalClient client = environment.client();
        ScheduleClient schedules = ScheduleClient.of(client);
        String scheduleId = SampleEnvironment.workflowId("hourly-report");
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).addWorkflowClass(HourlyReportWorkflow.class).build().start()) {
            Schedule schedule = Schedule.newBuilder()
                .action(ScheduleAction.startWorkflow(HourlyReportWorkflow::report, "payments",
                    WorkflowOptions.newBuilder().id(scheduleId + "-run").taskQueue(TASK_QUEUE).build()))
                .spec(ScheduleSpec.newBuilder().addInterval(ScheduleIntervalSpec.of(Duration.ofHours(1))).build())
                .build();
            ScheduleHandle handle = schedules.createSchedule(scheduleId, schedule,
                CreateScheduleOptions.newBuilder().triggerImmediately(true).build()).join();
            System.out.println("Created schedule " + scheduleId + " (every hour, triggered once now)");
            try {
                ScheduleActionExecution first = awaitFirstAction(handle);
                String result = client.getWorkflowHandle(first.getWorkflowId(), String.class).getResult().join();
                System.out.println("  first workflow " + first.getWorkflowId() + ": " + result);
                List<?> upcoming = handle.describe().join().getNextActionTimes();
                System.out.println("  next starts: " + upcoming.subList(0, Math.min(3, upcoming.size())) + " ...");
                handle.pause("paused by the sample").join();
                boolean paused = handle.describe().join().getSchedule().getState().isPaused();
                System.out.println("  paused: " + paused);
                return new Outcome(scheduleId, first.getWorkflowId(), result, upcoming.size(), paused);
            } finally {
                handle.delete().join();
                System.out.println("  deleted the schedule");
            }
        }
    }

    /** The schedule's first action, read again every 100 milliseconds until the server records it (at most a minute). */
    private static ScheduleActionExecution awaitFirstAction(ScheduleHandle handle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            ScheduleDescription description = handle.describe().join();
            if (!description.getRecentActions().isEmpty()) return description.getRecentActions().get(0);
            if (System.nanoTime() > deadline) throw new IllegalStateException("the schedule " + handle.getId() + " started nothing within a minute");
            Thread.sleep(100);
        }
    }

    public static void main(String[] args) {
        SampleEnvironment.run(ClientOptions.defaults(), true, ScheduleJava::run);
    }
}
