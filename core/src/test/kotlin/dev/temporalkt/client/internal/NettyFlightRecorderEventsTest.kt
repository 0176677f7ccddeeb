package dev.temporalkt.client.internal

import dev.temporalkt.client.ChannelFactory
import dev.temporalkt.client.ConnectionOptions
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.Properties

class NettyFlightRecorderEventsTest : FunSpec({
    test("the switch is turned off when nobody set it") {
        val properties = Properties()
        NettyFlightRecorderEvents.disableUnlessSet(properties)
        properties.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") shouldBe "false"
    }

    test("a value the application set is kept") {
        for (value in listOf("true", "false", "")) {
            val properties = Properties().apply { setProperty("io.grpc.netty.shaded.io.netty.jfr.enabled", value) }
            NettyFlightRecorderEvents.disableUnlessSet(properties)
            properties.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") shouldBe value
        }
    }

    test("building a channel turns the switch off first (nothing in this JVM sets it otherwise)") {
        ChannelFactory.create(ConnectionOptions(target = "localhost:7233")).shutdownNow()
        System.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") shouldBe "false"
    }
})
