package dev.temporalkt.testserver.internal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The Temporal time-skipping test server served over plaintext gRPC on an ephemeral loopback port.
 *
 * <p>The test kit loads this class in a class loader of its own (whose parent is the platform class loader) or runs
 * it in a child JVM, over the jars nested next to it in this module's jar; it therefore talks to it only through JDK
 * types: {@link #start()} returns an {@link AutoCloseable} whose {@link IntSupplier#getAsInt()} is the port.
 *
 * <p>{@code TestServer.createPortBoundServer} binds every interface and cannot report an ephemeral port, so this
 * assembles the same services (workflow, operator, test and health services) on a server bound to the loopback
 * address with port 0 and reads back the port the OS chose: no port race, nothing reachable from the network. Time
 * skipping is on from the start.
 *
 * <p>As a child JVM's main class, it prints one line {@value #READY_PREFIX}{@code <port>} once the server listens
 * and runs until its standard input reaches end of file, which happens when the parent closes the pipe or dies, so an
 * orphaned server never outlives the JVM that started it. SIGTERM also stops it cleanly.
 *
 * <p>This class is no API: only the test kit uses it.
 */
public final class TestServerLauncher implements AutoCloseable, IntSupplier {
    /** The start of the line a child JVM prints once the server listens; the port follows. */
    public static final String READY_PREFIX = "temporal-kt-test-server-port=";

    private static final long SHUTDOWN_SECONDS = 5L;

    private final TestServicesStarter services;
    private final Server server;

    private TestServerLauncher(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static TestServerLauncher start() throws IOException {
        TestServicesStarter services = new TestServicesStarter(/* lockTimeSkipping= */ false, /* initialTimeMillis= */ 0L);
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            NettyServerBuilder builder = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create());
            GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
            return new TestServerLauncher(services, builder.build().start());
        } catch (IOException | RuntimeException | Error e) {
            try {
                services.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The loopback port the server listens on. */
    @Override
    public int getAsInt() {
        return server.getPort();
    }

    /** Stops the server and releases its port. */
    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) server.shutdownNow();
        services.close();
        server.shutdownNow();
        server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Runs the server in a child JVM until standard input ends.
     *
     * @param args ignored
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        TestServerLauncher server = start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "test-server-stop"));
        System.out.println(READY_PREFIX + server.getAsInt());
        System.out.flush();
        while (System.in.read() != -1) {
            // Drain and ignore: the parent only ever closes the stream.
        }
        System.exit(0);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
