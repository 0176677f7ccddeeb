package dev.temporalkt.testing

import org.opentest4j.TestAbortedException

/**
 * Thrown by [SharedServers.devServer] when the run opted out of the dev server with
 * `-Dtemporal.devserver=skip`.
 *
 * It extends opentest4j's [TestAbortedException], so both JUnit 5 and Kotest report a test that
 * asks for the dev server as skipped (aborted), visibly, instead of passing or failing. Without the
 * opt-out, a missing CLI fails the test with [DevServerUnavailableException].
 */
public class DevServerSkippedException(message: String) : TestAbortedException(message)
