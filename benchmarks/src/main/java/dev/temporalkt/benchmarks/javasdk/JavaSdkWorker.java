package dev.temporalkt.benchmarks.javasdk;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/** A Java SDK worker polling one task queue with all benchmark workflows and activities registered. */
public final class JavaSdkWorker implements AutoCloseable {
    private final WorkflowServiceStubs stubs;
    private final WorkerFactory factory;

    /**
     * @param cacheSize workflow cache size and workflow thread count; {@code 0} keeps the SDK defaults.
     * @param virtualThreads run workflow code on virtual threads (JDK 21+).
     */
    public JavaSdkWorker(String target, String namespace, String taskQueue, int cacheSize, boolean virtualThreads) {
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        WorkflowClient client = WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
        WorkerFactoryOptions.Builder factoryOptions = WorkerFactoryOptions.newBuilder();
        if (cacheSize > 0) {
            factoryOptions.setWorkflowCacheSize(cacheSize).setMaxWorkflowThreadCount(cacheSize);
        }
        if (virtualThreads) {
            factoryOptions.setUsingVirtualWorkflowThreads(true);
        }
        factory = WorkerFactory.newInstance(client, factoryOptions.build());
        Worker worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder().build());
        worker.registerWorkflowImplementationTypes(
            IdleWorkflowImpl.class, SingleActivityWorkflowImpl.class, ReplayWorkflowImpl.class,
            FanOutWorkflowImpl.class, FanOutChildWorkflowImpl.class);
        worker.registerActivitiesImplementations(new BenchActivitiesImpl());
    }

    public JavaSdkWorker start() {
        factory.start();
        return this;
    }

    @Override
    public void close() {
        factory.shutdownNow();
        stubs.shutdownNow();
    }
}
