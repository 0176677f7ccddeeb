package dev.temporalkt.workflow

/**
 * Thrown into workflow code while its run is torn down in a worker: evicted from the worker's cache (to make room,
 * after a failed workflow task, when the worker shuts down). From then on every suspension point the run waits at
 * (`delay`, [Workflow.sleep], [Workflow.waitCondition], an activity's, child workflow's or Nexus operation's result, the
 * delivery of a signal) and every workflow API that would change the run (starting a timer, an activity, a child
 * workflow, sending a signal, upserting search attributes, ...) throws it, so the run's coroutines end promptly. Nothing
 * the run does then reaches the server: the run goes on from its history, on this worker or another, as if the
 * teardown never happened. Suspension points of other libraries (a `Mutex`, a `Channel`, `await` on your own `async`)
 * are cancelled instead, with a `CancellationException`.
 *
 * It is an [Error], not an [Exception], so the usual `catch (e: Exception)` lets it through, and `finally` blocks still
 * run (they may read workflow state and log, but not start anything). Code that catches [Throwable] must rethrow it:
 *
 * ```kotlin
 * try {
 *     Workflow.sleep(1.hours)
 * } catch (e: Throwable) {
 *     if (e is WorkflowEvictedError || e is CancellationException) throw e
 *     Workflow.logger.warn("sleep failed", e)
 * }
 * ```
 *
 * A run whose code keeps running anyway (a loop that swallows every throwable) is reported once by the worker, with the
 * stack of the thread it occupies, and the worker goes on without it.
 */
public class WorkflowEvictedError internal constructor(message: String) : Error(message)
