package dev.temporalkt.samples;

import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.testing.SharedServers;

/** The servers the sample tests run on: the test kit's servers, one of each per test JVM. */
final class SampleServers {
    private SampleServers() {
    }

    /** An environment on the shared embedded time-skipping test server. */
    static SampleEnvironment embedded() {
        return embedded(ClientOptions.defaults());
    }

    /** {@link #embedded()} with client options. */
    static SampleEnvironment embedded(ClientOptions options) {
        return SampleEnvironment.onTestServer(SharedServers.embedded().getTarget(), options);
    }

    /** An environment on the shared dev server (for what the test server lacks). */
    static SampleEnvironment devServer() {
        return SampleEnvironment.onServer(SharedServers.devServer().getTarget(), ClientOptions.defaults());
    }
}
