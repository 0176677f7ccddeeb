package dev.temporalkt.testing

import org.junit.platform.engine.discovery.DiscoverySelectors.selectClass
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder
import org.junit.platform.launcher.core.LauncherFactory
import org.junit.platform.launcher.listeners.SummaryGeneratingListener
import org.junit.platform.launcher.listeners.TestExecutionSummary

/**
 * Runs fixture test classes (tests that fail on purpose, to check what the extensions do then) through the JUnit
 * Platform launcher. The fixtures run only inside [run]: elsewhere (a run selecting every class) they are disabled.
 */
object FixtureRuns {
    const val PROPERTY: String = "temporal.testkit.fixture-run"

    @JvmStatic
    val active: Boolean get() = System.getProperty(PROPERTY) == "true"

    @Synchronized
    fun run(fixture: Class<*>): TestExecutionSummary {
        val listener = SummaryGeneratingListener()
        val request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameter("kotest.framework.classpath.scanning.autoscan.disable", "true")
            .build()
        System.setProperty(PROPERTY, "true")
        try {
            LauncherFactory.create().execute(request, listener)
        } finally {
            System.clearProperty(PROPERTY)
        }
        return listener.summary
    }
}
