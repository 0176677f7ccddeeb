package dev.temporalkt.testing.junit5

import dev.temporalkt.testing.TemporalTestContext
import dev.temporalkt.testing.TestEnvironments
import dev.temporalkt.testing.WorkflowTestOptions
import org.junit.jupiter.api.extension.ExtensionContext

/**
 * Where [TemporalExtension] keeps its state: the environment lease in the class's store (closed by `afterAll`, and by
 * JUnit when the store closes), the test's context in the test's store.
 */
internal object JUnitSupport {
    private val NAMESPACE = ExtensionContext.Namespace.create(TemporalExtension::class.java)
    private const val LEASE = "environment"
    private const val TEST = "test"

    /** The lease of [context]'s class, or of an enclosing class; acquired for [context]'s class when there is none. */
    fun lease(context: ExtensionContext, options: WorkflowTestOptions): TestEnvironments.Lease {
        val store = context.getStore(NAMESPACE)
        (store.get(LEASE) as? TestEnvironments.Lease)?.let { return it }
        val owner = classContext(context)
        return TestEnvironments.acquire(options).also { owner.getStore(NAMESPACE).put(LEASE, it) }
    }

    /** Closes the lease [context]'s class acquired, if any. */
    fun release(context: ExtensionContext) {
        (context.getStore(NAMESPACE).remove(LEASE) as? TestEnvironments.Lease)?.close()
    }

    fun beginTest(context: ExtensionContext, options: WorkflowTestOptions) {
        val lease = lease(context, options)
        val test = TemporalTestContext.create(lease.environment, options, context.requiredTestMethod.name)
        context.getStore(NAMESPACE).put(TEST, test)
    }

    fun currentTest(context: ExtensionContext): TemporalTestContext? = context.getStore(NAMESPACE).get(TEST) as? TemporalTestContext

    fun endTest(context: ExtensionContext) {
        val test = context.getStore(NAMESPACE).remove(TEST) as? TemporalTestContext ?: return
        test.finishBlocking(testFailed = context.executionException.isPresent)
    }

    /** The context of the test class (the closest one that is not a method's). */
    private fun classContext(context: ExtensionContext): ExtensionContext {
        var current = context
        while (current.testMethod.isPresent) current = current.parent.orElse(null) ?: return context
        return current
    }
}
