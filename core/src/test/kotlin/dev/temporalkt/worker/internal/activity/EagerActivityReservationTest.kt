package dev.temporalkt.worker.internal.activity

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.command.v1.StartTimerCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import dev.temporalkt.worker.internal.poll.SlotPermit
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

@OptIn(InternalTemporalApi::class)
class EagerActivityReservationTest : FunSpec({
    class Dispatcher(slots: Int) : EagerActivityDispatcher {
        val supplier = FixedSizeSlotSupplier(slots)
        val dispatched = ArrayList<Pair<String, SlotPermit>>()
        override val taskQueue = "orders"

        override fun tryReserve(): SlotPermit? = supplier.tryAcquire()

        override fun dispatch(task: PollActivityTaskQueueResponse, permit: SlotPermit) {
            dispatched += task.activityId to permit
        }
    }

    fun schedule(id: String, queue: String = "orders", eager: Boolean = true): Command = Command.newBuilder()
        .setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
        .setScheduleActivityTaskCommandAttributes(
            ScheduleActivityTaskCommandAttributes.newBuilder().setActivityId(id).setActivityType(ActivityType.newBuilder().setName("Charge"))
                .setTaskQueue(TaskQueue.newBuilder().setName(queue)).setRequestEagerExecution(eager),
        )
        .build()

    val timer = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
        .setStartTimerCommandAttributes(StartTimerCommandAttributes.newBuilder().setTimerId("1")).build()

    fun task(id: String) = PollActivityTaskQueueResponse.newBuilder().setActivityId(id).build()

    fun List<Command>.eagerIds() = filter { it.scheduleActivityTaskCommandAttributes.requestEagerExecution }
        .map { it.scheduleActivityTaskCommandAttributes.activityId }

    test("the first three activities on the worker's own queue keep the request, each with a reserved slot") {
        val dispatcher = Dispatcher(slots = 10)
        val commands = listOf(schedule("1"), timer, schedule("2"), schedule("3"), schedule("4"), schedule("5"))
        val eager = EagerActivityReservation.reserve(commands, dispatcher)
        eager.commands.eagerIds() shouldContainExactly listOf("1", "2", "3")
        eager.commands.map { it.scheduleActivityTaskCommandAttributes.activityId } shouldContainExactly listOf("1", "", "2", "3", "4", "5")
        eager.commands[1] shouldBeSameInstanceAs timer
        eager.reserved shouldBe 3
        dispatcher.supplier.availableSlots shouldBe 7
    }

    test("other task queues, activities that opted out and a worker without free slots clear the request") {
        val dispatcher = Dispatcher(slots = 1)
        val commands = listOf(schedule("elsewhere", queue = "billing"), schedule("opted-out", eager = false), schedule("1"), schedule("2"))
        val eager = EagerActivityReservation.reserve(commands, dispatcher)
        eager.commands.eagerIds() shouldContainExactly listOf("1")
        eager.reserved shouldBe 1
        dispatcher.supplier.availableSlots shouldBe 0
    }

    test("without a dispatcher (no activity worker, or eager execution disabled) no command keeps the request") {
        val eager = EagerActivityReservation.reserve(listOf(schedule("1"), schedule("2")), dispatcher = null)
        eager.commands.eagerIds() shouldBe emptyList()
        eager.reserved shouldBe 0
    }

    test("commands without eager requests go out as they are") {
        val commands = listOf(timer, schedule("1", eager = false))
        EagerActivityReservation.reserve(commands, Dispatcher(slots = 5)).commands shouldBeSameInstanceAs commands
    }

    test("returned tasks run on the reserved slots; slots the server did not use are released") {
        val dispatcher = Dispatcher(slots = 10)
        val eager = EagerActivityReservation.reserve(listOf(schedule("1"), schedule("2"), schedule("3")), dispatcher)
        eager.deliver(listOf(task("1"), task("3")))
        dispatcher.dispatched.map { it.first } shouldContainExactly listOf("1", "3")
        dispatcher.dispatched.map { it.second.isReleased } shouldContainExactly listOf(false, false)
        eager.reserved shouldBe 0
        // two slots held by the running tasks, the third given back
        dispatcher.supplier.availableSlots shouldBe 8
        dispatcher.dispatched.forEach { it.second.release() }
        dispatcher.supplier.availableSlots shouldBe 10
    }

    test("a failed completion releases every reserved slot") {
        val dispatcher = Dispatcher(slots = 4)
        val eager = EagerActivityReservation.reserve(listOf(schedule("1"), schedule("2")), dispatcher)
        dispatcher.supplier.availableSlots shouldBe 2
        eager.release()
        dispatcher.supplier.availableSlots shouldBe 4
        dispatcher.dispatched shouldBe emptyList()
    }

    test("a task the server returns beyond the reserved slots still runs") {
        val dispatcher = Dispatcher(slots = 4)
        val eager = EagerActivityReservation.reserve(listOf(schedule("1")), dispatcher)
        eager.deliver(listOf(task("1"), task("unexpected")))
        dispatcher.dispatched.map { it.first } shouldContainExactly listOf("1", "unexpected")
        dispatcher.supplier.availableSlots shouldBe 3
    }
})
