package dev.temporalkt.benchmarks.javafacade;

import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;

/**
 * A temporal-kt worker built from Java through the java-facade module, polling one task queue with the Java versions
 * of the idle and single-activity benchmark workflows and their activity registered.
 */
public final class JavaFacadeWorker implements AutoCloseable {
    private final TemporalClient client;
    private final Worker worker;

    /** @param cacheSize cached workflow runs; {@code 0} keeps the default. */
    public JavaFacadeWorker(String target, String namespace, String taskQueue, int cacheSize) {
        client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).namespace(namespace).build()).join();
        WorkerOptions.Builder options = WorkerOptions.newBuilder();
        if (cacheSize > 0) {
            options.maxCachedWorkflows(cacheSize);
        }
        worker = Worker.newBuilder(client, taskQueue)
            .addWorkflowClasses(IdleWorkflow.class, SingleActivityWorkflow.class)
            .addActivities(new BenchActivities())
            .options(options.build())
            .build();
    }

    public JavaFacadeWorker start() {
        worker.start();
        return this;
    }

    @Override
    public void close() {
        worker.close();
        client.close();
    }
}
