@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

private fun run(id: String) = CachedRun(id, WorkflowRunEngine("default", "orders"))

class WorkflowRunCacheTest : FunSpec({
    test("a run pushed out of the cache is handed over with its lock taken, so a task that looked it up waits for the eviction") {
        val cache = WorkflowRunCache(capacity = 1)
        val a = run("a")
        cache.put(a) shouldBe emptyList()
        // a task of run a looks it up ...
        val lookedUp = cache.get("a")!!
        // ... and before it locks the run, another task's run pushes it out
        val pushedOut = cache.put(run("b"))
        pushedOut shouldBe listOf(a)
        lookedUp.lock.isLocked shouldBe true
        cache.get("a") shouldBe null
        coroutineScope {
            var sawDiscarded: Boolean? = null
            val task = launch(start = CoroutineStart.UNDISPATCHED) { lookedUp.lock.withLock { sawDiscarded = lookedUp.discarded } }
            sawDiscarded shouldBe null // waits while the eviction holds the lock
            lookedUp.discarded = true
            lookedUp.lock.unlock()
            task.join()
            sawDiscarded shouldBe true // and then looks the run up again
        }
    }

    test("runs busy with a task are not pushed out; the cache grows past its capacity until they are free") {
        val cache = WorkflowRunCache(capacity = 1)
        val a = run("a")
        cache.put(a)
        a.lock.tryLock() shouldBe true
        cache.put(run("b")) shouldBe emptyList()
        cache.size shouldBe 2
        a.lock.unlock()
        cache.put(run("c")).map { it.runId } shouldBe listOf("a", "b")
        cache.size shouldBe 1
    }

    test("removing a run leaves a newer run of the same id in place") {
        val cache = WorkflowRunCache(capacity = 2)
        val old = run("a")
        val new = run("a")
        cache.put(new)
        cache.remove(old)
        cache.get("a") shouldBe new
    }
})
