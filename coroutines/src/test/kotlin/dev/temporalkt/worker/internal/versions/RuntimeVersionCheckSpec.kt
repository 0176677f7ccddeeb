package dev.temporalkt.worker.internal.versions

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

class RuntimeVersionCheckSpec : FunSpec({
    val built = mapOf(RuntimeVersionCheck.STDLIB to "2.4.10", RuntimeVersionCheck.COROUTINES to "1.11.0")

    test("the build wrote the versions of the parent pom into the resource, and this classpath has exactly those") {
        RuntimeVersionCheck.buildVersions() shouldBe mapOf(
            RuntimeVersionCheck.STDLIB to System.getProperty("test.kotlin.version"),
            RuntimeVersionCheck.COROUTINES to System.getProperty("test.coroutines.version"),
        )
        RuntimeVersionCheck.runtimeVersions() shouldBe RuntimeVersionCheck.buildVersions()
        RuntimeVersionCheck.findings().shouldBeEmpty()
    }

    test("an older kotlinx-coroutines and Kotlin stdlib are each named with both versions and the fix") {
        val findings = RuntimeVersionCheck.findings(
            built, mapOf(RuntimeVersionCheck.STDLIB to "2.2.21", RuntimeVersionCheck.COROUTINES to "1.10.2"),
        )
        findings.size shouldBe 2
        findings[0] shouldBe "kotlin-stdlib 2.2.21 is on the classpath, older than 2.4.10, which temporal-kt was built " +
            "with: workers can fail with NoSuchMethodError (activity tasks failing on every attempt, workflows waiting " +
            "for ever). Another dependency brings 2.2.21 by Maven's nearest-wins rule (see `mvn dependency:tree " +
            "-Dincludes=org.jetbrains.kotlin,org.jetbrains.kotlinx`). Fix: import dev.temporalkt:temporal-kt-bom " +
            "(type pom, scope import) in <dependencyManagement>, or pin kotlin-stdlib to 2.4.10 there."
        findings[1].substringBefore(":") shouldBe "kotlinx-coroutines-core 1.10.2 is on the classpath, older than 1.11.0, which temporal-kt was built with"
    }

    test("equal, newer and unknown runtime versions give no warning") {
        RuntimeVersionCheck.findings(built, built).shouldBeEmpty()
        RuntimeVersionCheck.findings(built, mapOf(RuntimeVersionCheck.STDLIB to "2.5.0", RuntimeVersionCheck.COROUTINES to "1.11.1-RC")).shouldBeEmpty()
        RuntimeVersionCheck.findings(built, mapOf(RuntimeVersionCheck.STDLIB to null, RuntimeVersionCheck.COROUTINES to null)).shouldBeEmpty()
    }

    test("versions compare numerically, part by part") {
        RuntimeVersionCheck.compare("1.10.2", "1.11.0") shouldBe -1
        RuntimeVersionCheck.compare("1.9.0", "1.11.0") shouldBe -1
        RuntimeVersionCheck.compare("2.4.10", "2.4.10") shouldBe 0
        RuntimeVersionCheck.compare("2.4", "2.4.0") shouldBe 0
        RuntimeVersionCheck.compare("2.10.0", "2.4.10") shouldBe 1
    }
})
