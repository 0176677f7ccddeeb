package dev.temporalkt.samples;

import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest;
import dev.temporalkt.api.testservice.v1.UnlockTimeSkippingRequest;
import dev.temporalkt.envconfig.ClientConfigProfile;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.testing.DevServer;
import dev.temporalkt.testing.EmbeddedTestServer;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Where the Java samples run: not a sample itself, but the one piece of start-up code they share.
 *
 * <p>By default a sample starts the embedded time-skipping test server in its own JVM (nothing to install; durable
 * timers of days complete at once). To run it against a real server instead, set {@code TEMPORAL_ADDRESS} (and, as
 * needed, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS...}) or select an environment
 * configuration profile ({@code TEMPORAL_PROFILE}, {@code TEMPORAL_CONFIG_FILE}, or a {@code default} profile with an
 * address in {@code ~/.config/temporalio/temporal.toml}):
 *
 * <pre>{@code
 * temporal server start-dev &
 * TEMPORAL_ADDRESS=localhost:7233 mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.HelloActivityJava
 * }</pre>
 *
 * <p>A sample that needs what the test server lacks (schedules) starts a local dev server with the {@code temporal}
 * CLI instead of the test server.
 */
public final class SampleEnvironment implements AutoCloseable {
    /** A sample's body. */
    @FunctionalInterface
    public interface Body {
        /** Runs the sample in {@code environment}. */
        void run(SampleEnvironment environment) throws Exception;
    }

    private final TemporalClient client;
    private final boolean timeSkipping;
    private final AutoCloseable server;
    private final String description;

    private SampleEnvironment(TemporalClient client, boolean timeSkipping, AutoCloseable server, String description) {
        this.client = client;
        this.timeSkipping = timeSkipping;
        this.server = server;
        this.description = description;
    }

    /** The client the sample uses. */
    public TemporalClient client() {
        return client;
    }

    /** Whether the server skips time (the embedded test server): its timers fire as soon as nothing else is running. */
    public boolean isTimeSkipping() {
        return timeSkipping;
    }

    /** Which server the sample talks to, for the first line of its output. */
    public String description() {
        return description;
    }

    /**
     * Runs {@code userActions} (what a user does meanwhile: start, signal, cancel) with the time-skipping server's
     * clock held, so that the timers the workflow waits on do not fire before the user acted; on a real server it just
     * runs them.
     */
    public <T> T whileUserActs(Supplier<T> userActions) {
        if (!timeSkipping) return userActions.get();
        client.getConnection().getTestServiceBlocking().lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance());
        try {
            return userActions.get();
        } finally {
            client.getConnection().getTestServiceBlocking().unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance());
        }
    }

    /** A workflow id: {@code prefix} and a short random suffix, so that runs of a sample do not collide. */
    public static String workflowId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * An environment on the time-skipping test server at {@code target} (tests pass the test kit's shared server).
     */
    public static SampleEnvironment onTestServer(String target, ClientOptions options) {
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).build(), options).join();
        return new SampleEnvironment(client, true, null, "the embedded test server at " + target);
    }

    /** An environment on a server without time skipping at {@code target} (tests pass the test kit's dev server). */
    public static SampleEnvironment onServer(String target, ClientOptions options) {
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).build(), options).join();
        return new SampleEnvironment(client, false, null, "the server at " + target);
    }

    /** Runs {@code body} on the server chosen as the class comment says, with default client options. */
    public static void run(Body body) {
        run(ClientOptions.defaults(), false, body);
    }

    /**
     * Runs {@code body} on the server chosen as the class comment says, with {@code options}; with
     * {@code needsFullServer} the default server is a local dev server instead of the test server. Prints a failure's
     * message (not its stack trace) and exits with status 1.
     */
    public static void run(ClientOptions options, boolean needsFullServer, Body body) {
        try (SampleEnvironment environment = start(options, needsFullServer)) {
            System.out.println("Running on " + environment.description());
            body.run(environment);
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("The sample failed: " + cause.getMessage());
            System.exit(1);
        }
    }

    private static SampleEnvironment start(ClientOptions options, boolean needsFullServer) {
        ClientConfigProfile profile = ClientConfigProfile.load();
        if (profile.getAddress() != null) {
            TemporalClient client = TemporalClient.connect(profile, options).join();
            return new SampleEnvironment(client, false, null, "the server at " + profile.getAddress() + ", namespace "
                + client.getNamespace());
        }
        if (needsFullServer) {
            DevServer server = DevServer.start();
            TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(server.getTarget()).build(), options).join();
            return new SampleEnvironment(client, false, server, "a local Temporal dev server at " + server.getTarget()
                + " (set TEMPORAL_ADDRESS to use another server)");
        }
        EmbeddedTestServer server = EmbeddedTestServer.start();
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(server.getTarget()).build(), options).join();
        return new SampleEnvironment(client, true, server, "the embedded time-skipping test server"
            + " (set TEMPORAL_ADDRESS to use a real server)");
    }

    /** Closes the client and the server this environment started, if any. */
    @Override
    public void close() {
        client.close();
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the server: " + e.getMessage(), e);
            }
        }
    }
}
