@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.worker.internal.activity.ActivityOutcome
import dev.temporalkt.worker.internal.activity.RunningActivityTask
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.Dispatchers
import java.util.concurrent.Executors

class ClientReadingActivities {
    @Activity
    suspend fun clientIdentity(): String = activityContext().client.identity
}

/** [dev.temporalkt.activity.ActivityContext.client] is the client the invoker was given, and says so when there is none. */
class ActivityContextClientTest : FunSpec({
    val executor = Executors.newSingleThreadExecutor()
    // A lazy connection never touches the network.
    val client = Client(Connection.open(ConnectionOptions(target = "127.0.0.1:1", lazy = true)))
    afterSpec {
        executor.shutdown()
        client.connection.close()
    }
    val registry = ActivityRegistry.of(listOf(ClientReadingActivities()))
    val task = PollActivityTaskQueueResponse.newBuilder().setActivityType(ActivityType.newBuilder().setName("clientIdentity")).build()

    test("an activity reaches the client the worker gave the invoker") {
        val outcome = ActivityInvoker(registry, DataConverter.default, executor, Dispatchers.Default, client = client)
            .run(RunningActivityTask(task, "q"))
        val completed = outcome.shouldBeInstanceOf<ActivityOutcome.Completed>()
        completed.result.data.toStringUtf8() shouldBe "\"${client.identity}\""
    }

    test("without a client, ActivityContext.client fails the attempt saying where a client comes from") {
        val outcome = ActivityInvoker(registry, DataConverter.default, executor, Dispatchers.Default).run(RunningActivityTask(task, "q"))
        val failed = outcome.shouldBeInstanceOf<ActivityOutcome.Failed>()
        failed.error.shouldBeInstanceOf<IllegalStateException>().message shouldBe
            "This activity runs without a client (ActivityContext.client is only available to activities run by a " +
            "Worker): run it on a Worker, or pass the client to the activity's class instead"
    }
})
