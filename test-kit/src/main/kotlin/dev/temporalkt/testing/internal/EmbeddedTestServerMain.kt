package dev.temporalkt.testing.internal

/**
 * Entry point of the child JVM that hosts the time-skipping test server.
 *
 * Protocol with the parent: once the server listens, one line `[READY_PREFIX]<port>` goes to stdout.
 * The server runs until its stdin reaches end of file, which happens when the parent closes the pipe
 * or dies for any reason, so an orphaned server never outlives the JVM that started it. SIGTERM also
 * stops it cleanly.
 */
internal object EmbeddedTestServerMain {
    const val READY_PREFIX: String = "temporal-kt-test-server-port="

    @JvmStatic
    fun main(args: Array<String>) {
        val server = LoopbackTestServer.start()
        Runtime.getRuntime().addShutdownHook(Thread(server::close, "test-server-stop"))
        println("$READY_PREFIX${server.port}")
        System.out.flush()
        while (System.`in`.read() != -1) {
            // Drain and ignore: the parent only ever closes the stream.
        }
        System.exit(0)
    }
}
