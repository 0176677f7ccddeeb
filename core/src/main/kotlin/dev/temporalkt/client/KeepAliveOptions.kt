package dev.temporalkt.client

import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * HTTP/2 keep-alive pings on a [Connection], which detect dead connections behind load balancers.
 *
 * @property interval time between pings while the connection is idle.
 * @property timeout how long to wait for a ping's acknowledgement before closing the connection.
 */
public data class KeepAliveOptions(
    val interval: Duration = 30.seconds,
    val timeout: Duration = 15.seconds,
)
