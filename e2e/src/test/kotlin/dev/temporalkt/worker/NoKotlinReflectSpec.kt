package dev.temporalkt.worker

import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.noreflect.NoReflectRegistrations
import dev.temporalkt.worker.noreflect.NoReflectScenario
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import java.io.File
import java.lang.reflect.InvocationTargetException
import java.net.URL
import java.net.URLClassLoader
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A Kotlin worker runs without kotlin-reflect: the worker and client of [NoReflectScenario] (a workflow with a signal,
 * a query, an update and its validator, an activity, typed calls on both sides) run in a class world built from the
 * test class path without the kotlin-reflect jar, on the shared dev server, and no class of kotlin-reflect is ever
 * asked for there.
 */
class NoKotlinReflectSpec : FunSpec({
    test("a Kotlin workflow with a signal, a query and an update and an activity run with no kotlin-reflect on the class path") {
        val world = ClassWorld.withoutKotlinReflect()
        val lines: List<String> = world.use { it.call<List<String>>(NoReflectScenario::class.java.name, "run", SharedServers.devServer().target) }

        lines[0] shouldBe "update=5"
        lines[1] shouldBe "query=[dear Ada, dear Grace]"
        lines[2] shouldBe "result=Hello, Ada and Grace!"
        val events = lines[3].removePrefix("events=").split(",")
        events.first() shouldBe "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"
        events.last() shouldBe "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED"
        events.filterNot { it.startsWith("EVENT_TYPE_WORKFLOW_TASK_") }.groupingBy { it }.eachCount() shouldBe mapOf(
            "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED" to 1,
            "EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED" to 2,
            "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED" to 1,
            "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED" to 1,
            "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED" to 1,
            "EVENT_TYPE_ACTIVITY_TASK_STARTED" to 1,
            "EVENT_TYPE_ACTIVITY_TASK_COMPLETED" to 1,
            "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED" to 1,
        )

        // no class of kotlin-reflect was loaded (the standard library only probed for its factory, which was absent), and
        // the worker's definition reading ran in this world
        world.loaded.filter { it.startsWith("kotlin.reflect.jvm.internal.") || it.startsWith("kotlin.reflect.full.") } shouldBe
            emptyList()
        world.missing.filter { it.startsWith("kotlin.reflect.jvm.internal.") } shouldBe
            listOf("kotlin.reflect.jvm.internal.ReflectionFactoryImpl")
        world.loaded shouldContain "dev.temporalkt.reflection.internal.UserFunction"
        world.loaded shouldContain "kotlin.metadata.jvm.KotlinClassMetadata"
        shouldThrow<ClassNotFoundException> { Class.forName("kotlin.reflect.full.KClasses", false, world.loader) }
    }

    test("without kotlin-reflect, registering a function that only kotlin-reflect can call fails naming the dependency and the function") {
        val messages: List<String> = ClassWorld.withoutKotlinReflect().use {
            it.call<List<String>>(NoReflectRegistrations::class.java.name, "run", SharedServers.devServer().target)
        }
        messages[0] shouldBe "IllegalArgumentException: Invalid activity registration:\n" +
            " - Activity 'DefaultingActivities.greet' has parameters with default values, which the worker can only call " +
            "through kotlin-reflect, and kotlin-reflect is not on the class path: add the dependency " +
            "org.jetbrains.kotlin:kotlin-reflect (the version of your Kotlin standard library), or change the function so " +
            "its JVM method takes exactly its parameters (no default values, no value classes)"
        messages[1] shouldBe "WorkflowDefinitionException: Workflow class dev.temporalkt.worker.noreflect.DefaultingWorkflow is invalid:\n" +
            "  - the function 'run' has parameters with default values, which the worker can only call through " +
            "kotlin-reflect, and kotlin-reflect is not on the class path: add the dependency " +
            "org.jetbrains.kotlin:kotlin-reflect (the version of your Kotlin standard library), or change the function so " +
            "its JVM method takes exactly its parameters (no default values, no value classes)"
    }
})

/**
 * A fresh class world: every class of the test class path but kotlin-reflect's jar, loaded again by a loader whose
 * parent is the platform loader, which records the classes it defined and the ones asked of it that it did not find.
 */
internal class ClassWorld private constructor(urls: Array<URL>) : AutoCloseable {
    val loaded: MutableList<String> = CopyOnWriteArrayList()
    val missing: MutableList<String> = CopyOnWriteArrayList()

    val loader: URLClassLoader = object : URLClassLoader("no-kotlin-reflect", urls, ClassLoader.getPlatformClassLoader()) {
        override fun findClass(name: String): Class<*> = try {
            super.findClass(name).also { loaded += name }
        } catch (e: ClassNotFoundException) {
            missing += name
            throw e
        }
    }

    /** Calls the static [method] of [className] taking one String with [argument] in this world. */
    @Suppress("UNCHECKED_CAST")
    fun <T> call(className: String, method: String, argument: String): T {
        val type = Class.forName(className, true, loader)
        val target = type.getField("INSTANCE").get(null)
        return try {
            type.getMethod(method, String::class.java).invoke(target, argument) as T
        } catch (e: InvocationTargetException) {
            throw e.targetException
        }
    }

    override fun close() = loader.close()

    companion object {
        fun withoutKotlinReflect(): ClassWorld {
            val path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
            val entries = path.split(File.pathSeparator).filter { it.isNotBlank() }
            val reflect = entries.filter { File(it).name.startsWith("kotlin-reflect-") }
            check(reflect.size == 1) { "expected kotlin-reflect on the test class path once, found $reflect" }
            return ClassWorld(entries.filter { it !in reflect }.map { File(it).toURI().toURL() }.toTypedArray())
        }
    }
}
