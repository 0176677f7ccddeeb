package dev.temporalkt.client.internal

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOutboundInterceptor

/** The head of [client]'s outbound interceptor chain, for handles in other packages. */
internal fun outboundOf(client: Client): ClientOutboundInterceptor = client.outbound
