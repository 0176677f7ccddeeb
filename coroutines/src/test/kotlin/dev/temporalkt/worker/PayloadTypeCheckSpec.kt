@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.internal.WorkflowDefinitionException
import dev.temporalkt.reflection.internal.PayloadTypeCheck
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flowOf
import java.io.InputStream
import java.time.Instant
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.Continuation
import kotlin.reflect.typeOf

/** Plain data of every kind the converters take. */
data class Shipment(val id: String, val items: List<String>, val at: Instant?)

class CallbackActivities {
    @Activity
    fun notify(target: String, callback: (String) -> Unit): String = target.also(callback)

    @Activity
    fun lines(): Sequence<String> = sequenceOf("a")

    @Activity
    fun ship(shipment: Shipment, extras: Map<String, Any?>, anything: Any?): Shipment = shipment
}

@Activity
fun streamUpdates(id: String): Flow<String> = flowOf(id)

@Workflow(name = "BadTypes")
class BadTypesWorkflow {
    @WorkflowRun
    suspend fun run(onDone: List<suspend () -> Unit>): String = "x"

    @Signal
    fun attach(stream: InputStream) = Unit

    @Query
    fun progress(): Deferred<Int> = throw UnsupportedOperationException()

    @Update
    suspend fun change(value: Shipment): Job = throw UnsupportedOperationException()
}

@Workflow(name = "GoodTypes")
class GoodTypesWorkflow {
    @WorkflowRun
    suspend fun run(shipment: Shipment, raw: List<RawValue>, anything: Any?): Map<String, List<Shipment>> = emptyMap()

    @Query
    fun stage(): CompletableFuture<String> = CompletableFuture.completedFuture("done")
}

/** Types that stand for behaviour or running work are refused when a worker is built; data types pass. */
class PayloadTypeCheckSpec : FunSpec({
    val client = Client(Connection.open(ConnectionOptions(target = "127.0.0.1:1", lazy = true)))
    afterSpec { client.connection.close() }

    test("behaviour, coroutine machinery, lazy sources, pending results and I/O are refused, also as type arguments") {
        PayloadTypeCheck.problem(typeOf<(String) -> Unit>()) shouldBe "a function type"
        PayloadTypeCheck.problem(typeOf<Deferred<String>>()) shouldBe "a running coroutine (Job or Deferred)"
        PayloadTypeCheck.problem(typeOf<Continuation<Int>>()) shouldBe "a coroutine continuation"
        PayloadTypeCheck.problem(typeOf<Flow<Int>>()) shouldBe "a Flow (a stream of values produced while it is collected)"
        PayloadTypeCheck.problem(typeOf<Sequence<Int>>()) shouldBe "a lazy Sequence"
        PayloadTypeCheck.problem(typeOf<java.util.stream.Stream<Int>>()) shouldBe "a Java stream"
        PayloadTypeCheck.problem(typeOf<CompletableFuture<Int>>()) shouldBe "a pending result (Future)"
        PayloadTypeCheck.problem(typeOf<Thread>()) shouldBe "a thread"
        PayloadTypeCheck.problem(typeOf<InputStream>()) shouldBe "an I/O stream"
        PayloadTypeCheck.problem(typeOf<Map<String, List<() -> Unit>>>()) shouldBe
            "a function type inside kotlin.collections.List<() -> kotlin.Unit> inside " +
            "kotlin.collections.Map<kotlin.String, kotlin.collections.List<() -> kotlin.Unit>>"
    }

    test("data, collections, Any, Unit and raw payload types are left to the converter") {
        for (type in listOf(
            typeOf<String>(), typeOf<Int?>(), typeOf<Unit>(), typeOf<Any>(), typeOf<Any?>(), typeOf<Shipment>(),
            typeOf<List<Shipment>>(), typeOf<Map<String, Any?>>(), typeOf<ByteArray>(), typeOf<Array<Shipment>>(),
            typeOf<List<RawValue>>(), typeOf<List<*>>(), typeOf<Instant>(), typeOf<Nothing?>(),
        )) {
            PayloadTypeCheck.problem(type).shouldBeNull()
        }
    }

    test("an activity parameter or return type that cannot be a payload is refused naming the class, function, parameter and the fix") {
        val error = shouldThrow<IllegalArgumentException> { Worker(client, "q", activities = listOf(CallbackActivities(), ::streamUpdates)) }
        val message = error.message!!
        message shouldContain "Activity 'CallbackActivities.notify' parameter 'callback' has type (kotlin.String) -> kotlin.Unit: " +
            "a function type cannot be sent as a payload; take plain data instead (a @Serializable class, a class Jackson " +
            "can convert such as a data class, a primitive, String, or collections of them)"
        message shouldContain "Activity 'CallbackActivities.lines' returns kotlin.sequences.Sequence<kotlin.String>: a lazy " +
            "Sequence cannot be sent as a payload; return the value itself (make the function suspend and await or collect the result)"
        message shouldContain "Activity 'streamUpdates' returns kotlinx.coroutines.flow.Flow<kotlin.String>: a Flow"
        message shouldNotContain "ship"
    }

    test("workflow run, signal, query and update types that cannot be payloads are all reported together") {
        val error = shouldThrow<WorkflowDefinitionException> { Worker(client, "q", workflows = listOf(BadTypesWorkflow::class)) }
        val message = error.message!!
        message shouldContain "Workflow class dev.temporalkt.worker.BadTypesWorkflow is invalid:"
        message shouldContain "The run function (function 'run') parameter 'onDone' has type " +
            "kotlin.collections.List<suspend () -> kotlin.Unit>: a function type inside"
        message shouldContain "The signal 'attach' (function 'attach') parameter 'stream' has type java.io.InputStream: an I/O stream"
        message shouldContain "The query 'progress' (function 'progress') returns kotlinx.coroutines.Deferred<kotlin.Int>: " +
            "a running coroutine (Job or Deferred)"
        message shouldContain "The update 'change' (function 'change') returns kotlinx.coroutines.Job"
        message shouldNotContain "'value'"
    }

    test("workflows and activities of plain data build a worker") {
        val worker = Worker(client, "q", workflows = listOf(GoodTypesWorkflow::class), activities = listOf(CallbackActivities()::ship))
        worker.taskQueue shouldBe "q"
    }
})
