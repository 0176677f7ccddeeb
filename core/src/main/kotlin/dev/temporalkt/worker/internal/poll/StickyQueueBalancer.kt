package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi

/**
 * Chooses, poll by poll, which of a workflow worker's two queues the next workflow task poll goes to: the task queue
 * (normal) or the worker's own sticky queue, where the server puts the next tasks of the runs the worker has cached.
 *
 * A task waiting on the sticky queue has a short schedule-to-start timeout (the worker's sticky schedule-to-start
 * timeout, 10 s by default); when it passes, the server moves the task to the normal queue and the run is replayed
 * from its whole history, by whichever worker takes it. Under a backlog on the normal queue a worker that polled both
 * queues with separate pollers drawing on one pool of slots handed most freed slots to normal polls, which return at
 * once with a new task, while its sticky tasks waited for a slot until they timed out. So all workflow task pollers of
 * a worker share one balancer, every poller takes a slot first and only then asks [begin] which queue to poll:
 *
 *  1. without a sticky queue (caching off), always the normal queue;
 *  2. while the server reports more tasks waiting on the sticky queue (the `backlog_count_hint` of the latest sticky
 *     poll response) than there are sticky polls in flight to take them, the sticky queue: a freed slot never goes to
 *     the normal queue while a sticky task waits with no poll to take it. (A sticky poll in flight while tasks wait
 *     returns at once with one of them; counting those keeps a stale hint from sending every poller to an empty
 *     sticky queue for a whole long poll.)
 *  3. otherwise the queue with fewer polls in flight, and on a tie the queue the previous choice did not take, so
 *     that both queues are polled, even by a single poller.
 *
 * Each poll reports its end with [end], with the response's backlog hint for a sticky poll that got an answer (an
 * empty long-poll answer counts: it reports the backlog as it is then). A failed poll leaves the last figure as it is.
 *
 * Thread-safe: pollers call it concurrently.
 *
 * @property hasStickyQueue whether the worker has a sticky queue at all.
 */
@InternalTemporalApi
public class StickyQueueBalancer(public val hasStickyQueue: Boolean) {
    /** A workflow task queue of the worker. */
    public enum class Queue { NORMAL, STICKY }

    private var normalInFlight = 0
    private var stickyInFlight = 0
    private var stickyBacklog = 0L
    private var last = Queue.NORMAL

    /** Chooses the queue of the poll about to start (by the rules in the class documentation) and counts it in flight. */
    @Synchronized
    public fun begin(): Queue {
        val queue = when {
            !hasStickyQueue -> Queue.NORMAL
            stickyBacklog > stickyInFlight -> Queue.STICKY
            stickyInFlight < normalInFlight -> Queue.STICKY
            normalInFlight < stickyInFlight -> Queue.NORMAL
            last == Queue.NORMAL -> Queue.STICKY
            else -> Queue.NORMAL
        }
        if (queue == Queue.STICKY) stickyInFlight++ else normalInFlight++
        last = queue
        return queue
    }

    /**
     * Records the end of a poll of [queue] started with [begin]. [backlogHint] is the `backlog_count_hint` of the
     * poll's response, or `null` when the poll failed or was cancelled.
     */
    @Synchronized
    public fun end(queue: Queue, backlogHint: Long?) {
        if (queue == Queue.STICKY) {
            stickyInFlight--
            if (backlogHint != null) stickyBacklog = backlogHint
        } else {
            normalInFlight--
        }
    }

    /** Polls of [queue] in flight now (informational). */
    @Synchronized
    public fun inFlight(queue: Queue): Int = if (queue == Queue.STICKY) stickyInFlight else normalInFlight

    /** The sticky backlog the server last reported. */
    @get:Synchronized
    public val lastStickyBacklog: Long get() = stickyBacklog

    override fun toString(): String =
        "StickyQueueBalancer(normalInFlight=${inFlight(Queue.NORMAL)}, stickyInFlight=${inFlight(Queue.STICKY)}, stickyBacklog=$lastStickyBacklog)"
}
