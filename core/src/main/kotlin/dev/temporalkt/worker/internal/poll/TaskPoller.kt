package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.logging.RepeatedFailureLog
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.isActive
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.Logger
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration

/**
 * Long-polls one task queue with [pollerCount] concurrent pollers and hands each task to [handler].
 *
 * Each poller loops: take a slot from [slots] (suspending while all are taken), call [poll], and
 *  - on a task, launch [handler] with the task and its slot in the handler scope and poll again straight away;
 *    the slot is released when the handler returns or throws (the handler may release it earlier; releasing is
 *    idempotent);
 *  - on `null` (an empty long-poll response: no task within the server's poll timeout), release the slot and poll
 *    again;
 *  - on an exception, release the slot, note it in a [RepeatedFailureLog] (a few lines per outage, not one per failed
 *    poll) and wait [backoff] (growing with consecutive failures) before polling
 *    again, so a server outage never makes the poller spin. A poll error for which [isFatal] returns `true` stops
 *    every poller and is reported to [onFatal].
 *
 * [stopPolling] ends the poll loops while handlers keep running; [awaitHandlers] waits for them; [cancelHandlers]
 * cancels them.
 *
 * ## Stopping without losing a task
 * A poll cancelled on the client side can race with the server handing it a task: the server then counts the task as
 * delivered and it comes back only after its timeout. Servers that complete a shutting-down worker's outstanding polls
 * themselves (namespace capability `worker_poll_complete_on_shutdown`, after a `ShutdownWorker` call with the worker's
 * instance key) avoid that race, and stopping then goes in two steps:
 *  1. [beginStop]: no poll starts any more; polls in flight go on;
 *  2. (the caller sends `ShutdownWorker`; the server answers the outstanding polls, empty or with a task already
 *     handed to them, which is dispatched to [handler] as usual);
 *  3. [stopPolling] with a drain time: waits up to that long for the polls in flight to return, then cancels what is
 *     left (polls and poll loops waiting for a slot or a backoff).
 * Without a drain time, [stopPolling] cancels polls in flight at once (servers without that capability). Pollers and
 * handlers run with [context] (a dispatcher, the workers' `WorkerThreads` one), under separate jobs so that
 * stopping the pollers never cancels a handler.
 *
 * The same class serves workflow, activity and Nexus task queues: [poll] and [handler] carry the RPC specifics.
 *
 * ## One hand-off per polled task
 * A poll's response resumes its poll loop on [context]'s dispatcher, the one hand-off from the transport thread (see
 * `ChannelFactory`). The task is then handled right there, on that thread, with no second dispatch: the loop first
 * starts its successor undispatched (which takes a slot and sends the next poll, then suspends waiting for its
 * answer), then starts the handler undispatched in the handler scope, and ends. The handler runs on the thread the
 * response resumed on until it first suspends, and from then on as any coroutine of [context]. Polling is never held
 * up by a handler: the next poll is on its way before the handler starts, and [stopPolling] waits only for the loops
 * still polling, not for a handler that took a loop's thread.
 */
@InternalTemporalApi
public class TaskPoller<T : Any>(
    /** A name for logs and coroutine names, e.g. `activity:my-queue`. */
    public val name: String,
    /** Number of concurrent long polls. */
    public val pollerCount: Int,
    private val slots: SlotSupplier,
    context: CoroutineContext,
    private val poll: suspend () -> T?,
    private val handler: suspend (task: T, permit: SlotPermit) -> Unit,
    private val backoff: PollBackoff = PollBackoff(),
    private val isFatal: (Throwable) -> Boolean = { false },
    /** Told about a non-retryable poll error, once; it reports the error (the default logs it). */
    private val onFatal: (Throwable) -> Unit = { e -> LoggerFactory.getLogger(TaskPoller::class.java).error("Polling {} stopped with a non-retryable error", name, e) },
    private val logger: Logger = LoggerFactory.getLogger(TaskPoller::class.java),
) {
    init {
        require(pollerCount > 0) { "A task poller needs at least one concurrent poll, was $pollerCount" }
    }

    private val pollerJob = SupervisorJob(context[Job])
    private val handlerJob = SupervisorJob(context[Job])
    private val pollerScope = CoroutineScope(context + pollerJob + CoroutineName("poller:$name"))
    private val handlerScope = CoroutineScope(context + handlerJob + CoroutineName("handler:$name"))
    private val started = AtomicBoolean(false)

    /** Poll failures, logged once when they start, then at most every 30 s, and once when polls work again. */
    private val pollFailures = RepeatedFailureLog(logger, "Polling $name")

    @Volatile
    private var stopping = false

    /** Polls waiting for the server's answer now. */
    private val pollsInFlight = MutableStateFlow(0)

    /** Poll loops not yet ended (a loop that handed its place to a successor counts as ended). */
    private val activeLoops = MutableStateFlow(0)

    /** Numbers the poll loops for their coroutine names. */
    private val loopNumbers = AtomicInteger()

    /** Whether [stopPolling] was called (or a fatal poll error stopped the pollers). */
    public val isStopped: Boolean get() = stopping

    /** Number of handlers currently running. */
    public val runningHandlers: Int get() = handlerJob.children.count { it.isActive }

    /** Starts the pollers. Calling it twice is an error. */
    public fun start() {
        check(started.compareAndSet(false, true)) { "Task poller $name was already started" }
        repeat(pollerCount) { startLoop(CoroutineStart.DEFAULT) }
    }

    private fun startLoop(start: CoroutineStart) {
        activeLoops.update { it + 1 }
        val counted = AtomicBoolean(true)
        val ended = { if (counted.compareAndSet(true, false)) activeLoops.update { it - 1 } }
        pollerScope.launch(CoroutineName("poller:$name#${loopNumbers.getAndIncrement()}"), start) { pollLoop(ended) }
            .invokeOnCompletion { ended() }
    }

    /**
     * Polls until a task arrives, then hands its place to a successor loop and the task to a handler, both started on
     * this thread, calling [ended] in between; returns when polling stops.
     */
    private suspend fun CoroutineScope.pollLoop(ended: () -> Unit) {
        var failures = 0
        while (isActive && !stopping) {
            val permit = slots.acquire()
            if (stopping) {
                permit.release()
                return
            }
            pollsInFlight.update { it + 1 }
            val task = try {
                poll()
            } catch (e: CancellationException) {
                pollsInFlight.update { it - 1 }
                permit.release()
                throw e
            } catch (e: Throwable) {
                pollsInFlight.update { it - 1 }
                permit.release()
                if (stopping) return
                if (isFatal(e)) {
                    stopping = true
                    onFatal(e)
                    pollerJob.cancel()
                    return
                }
                failures++
                val wait = backoff.delay(failures)
                pollFailures.failed(e, failures)
                delay(wait)
                continue
            }
            failures = 0
            pollFailures.succeeded()
            if (task == null) {
                // an empty answer frees the slot
                permit.release()
                pollsInFlight.update { it - 1 }
                continue
            }
            // A task keeps its slot until its handler ends. This loop hands its place to a successor, which sends
            // the next poll from this thread and suspends, and then runs the handler here: no second dispatch.
            // The poll counts as in flight until the handler is registered, so a draining stop never cancels the
            // loop before the task reached its handler. (The successor returns here once its poll suspends; a poll
            // answered by the server always does, so successors never nest deeper than the free slots.)
            ended()
            startLoop(CoroutineStart.UNDISPATCHED)
            dispatch(task, permit, CoroutineStart.UNDISPATCHED) { pollsInFlight.update { it - 1 } }
            return
        }
    }

    /**
     * A free slot for a task that comes from elsewhere than this poller's polls (an activity task the server hands
     * out eagerly with a workflow task completion), or `null` when all slots are taken or polling is stopping.
     * The slot is the caller's to [handle] a task with, or to release.
     */
    public fun tryReserveSlot(): SlotPermit? = if (stopping) null else slots.tryAcquire()

    /**
     * Runs [handler] with [task], obtained elsewhere than this poller's polls, holding [permit] (from
     * [tryReserveSlot]), as if a poll had returned it: [awaitHandlers] and [cancelHandlers] cover it too.
     */
    public fun handle(task: T, permit: SlotPermit) {
        dispatch(task, permit, CoroutineStart.DEFAULT) {}
    }

    /** Launches [handler] for [task] with [start]; [registered] runs first in the handler's coroutine. */
    private inline fun dispatch(task: T, permit: SlotPermit, start: CoroutineStart, crossinline registered: () -> Unit) {
        handlerScope.launch(start = start) {
            registered()
            try {
                handler(task, permit)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                logger.error("Handling a task from {} failed", name, e)
            } finally {
                permit.release()
            }
        }
    }

    /** No new poll starts from now on; polls in flight go on (see the class documentation). */
    public fun beginStop() {
        stopping = true
    }

    /**
     * Stops polling: no new poll starts; polls in flight are given up to [drain] to return (a task they bring is
     * dispatched as usual), then cancelled. Running handlers are not affected. Returns whether every poll in flight
     * returned by itself within [drain] (always `false` for a zero [drain] with polls in flight).
     */
    public suspend fun stopPolling(drain: Duration = Duration.ZERO): Boolean {
        stopping = true
        val drained = pollsInFlight.value == 0 ||
            (drain.isPositive() && withTimeoutOrNull(drain) { pollsInFlight.first { it == 0 } } != null)
        pollerJob.cancel()
        // not pollerJob.join(): a loop that handed its place over may still be running its task's handler up to the
        // handler's first suspension, and a stop waits for polls, not for handlers
        activeLoops.first { it == 0 }
        return drained
    }

    /** Waits until every running handler has finished, up to [timeout]; returns whether they all did. */
    public suspend fun awaitHandlers(timeout: Duration = Duration.INFINITE): Boolean {
        val wait: suspend () -> Unit = { handlerJob.children.toList().joinAll() }
        if (handlerJob.children.none { it.isActive }) return true
        return if (timeout == Duration.INFINITE) {
            wait()
            true
        } else {
            withTimeoutOrNull(timeout) { wait() } != null
        }
    }

    /** Cancels the running handlers and waits for them to end. */
    public suspend fun cancelHandlers() {
        handlerJob.cancelAndJoin()
    }
}
