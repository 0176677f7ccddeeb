package dev.temporalkt.testing.logging

import org.slf4j.ILoggerFactory
import org.slf4j.IMarkerFactory
import org.slf4j.helpers.BasicMDCAdapter
import org.slf4j.simple.SimpleServiceProvider
import org.slf4j.spi.MDCAdapter
import org.slf4j.spi.SLF4JServiceProvider

/**
 * The SLF4J provider of the end-to-end tests: slf4j-simple's loggers (same output on standard error) with a working
 * MDC. slf4j-simple alone keeps no MDC at all (its adapter drops every entry), so tests could not see what the SDK puts
 * there. Found before slf4j-simple's own provider because test classes come first on the test class path.
 */
class MdcSimpleServiceProvider : SLF4JServiceProvider {
    private val simple = SimpleServiceProvider()
    private val mdc = BasicMDCAdapter()

    override fun getLoggerFactory(): ILoggerFactory = simple.loggerFactory

    override fun getMarkerFactory(): IMarkerFactory = simple.markerFactory

    override fun getMDCAdapter(): MDCAdapter = mdc

    override fun getRequestedApiVersion(): String = simple.requestedApiVersion

    override fun initialize() {
        simple.initialize()
    }
}
