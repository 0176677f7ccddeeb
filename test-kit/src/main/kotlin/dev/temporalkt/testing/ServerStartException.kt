package dev.temporalkt.testing

/**
 * Thrown when a test server process was launched but did not become ready: it exited, it did not
 * answer within the start timeout, or its ports were taken. The message ends with the last lines
 * the process printed, which usually say what went wrong (a bad flag, a port in use, a crash).
 */
public class ServerStartException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)
