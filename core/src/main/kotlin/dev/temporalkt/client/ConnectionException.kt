package dev.temporalkt.client

/**
 * Opening a [Connection] failed: the server could not be reached, the TLS handshake failed, or the server (or a
 * proxy in front of it) rejected the credentials. The message says which, and what to check; [cause] carries the
 * underlying gRPC status.
 */
public class ConnectionException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)
