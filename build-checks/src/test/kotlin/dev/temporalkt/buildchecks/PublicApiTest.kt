package dev.temporalkt.buildchecks

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/**
 * The public API of every published hand-written module (see [ReactorModules]) equals its committed dump
 * `<module>/api/<artifactId>.api` (see [ApiDump] for what counts as API). A difference fails with a diff and the
 * command that accepts it, [PublicApi.UPDATE_COMMAND]; with `-Dapi.update=true` this test rewrites the dumps instead.
 */
class PublicApiTest {
    @TestFactory
    fun `the public API of each module equals its committed dump`(): List<DynamicTest> {
        val modules = ReactorModules.fromSystemProperties()
        val update = System.getProperty("api.update").toBoolean()
        return modules.handWritten.map { module ->
            DynamicTest.dynamicTest(module.name) {
                PublicApi.check(module, modules.rootDirectory, update)?.let { fail(it) }
            }
        }
    }
}
