package dev.temporalkt.testing.interop

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** A script that prints [version] like `node --version` / `npm --version` do. */
private fun fakeTool(directory: Path, name: String, version: String): String {
    val script = directory.resolve(name)
    Files.writeString(script, "#!/bin/sh\necho '$version'\n")
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"))
    return script.toString()
}

class NodeToolchainSpec : FunSpec({
    val directory = Files.createTempDirectory("node-toolchain")
    afterSpec { directory.toFile().deleteRecursively() }

    test("a missing node fails with instructions to install Node.js") {
        val missing = directory.resolve("no-such-node").toString()
        val error = shouldThrow<IllegalStateException> { NodeToolchain(nodeCommand = missing).require() }
        error.message shouldContain "need Node.js 20.3.0+ with npm, but `$missing --version` could not be run"
        error.message shouldContain NodeToolchain.INSTALL_HINT
    }

    test("a missing npm fails with instructions to install Node.js with npm") {
        val node = fakeTool(directory, "node-22", "v22.1.0")
        val missing = directory.resolve("no-such-npm").toString()
        val error = shouldThrow<IllegalStateException> { NodeToolchain(node, missing).require() }
        error.message shouldContain "`$missing --version` could not be run"
        error.message shouldContain NodeToolchain.INSTALL_HINT
    }

    test("a Node.js older than the TypeScript SDK supports fails naming both versions") {
        val node = fakeTool(directory, "node-18", "v18.19.0")
        val npm = fakeTool(directory, "npm-10", "10.2.3")
        val error = shouldThrow<IllegalStateException> { NodeToolchain(node, npm).require() }
        error.message shouldContain "need Node.js 20.3.0 or newer"
        error.message shouldContain "`$node --version` printed 'v18.19.0'"
    }

    test("a supported Node.js with npm is accepted and its version returned") {
        val node = fakeTool(directory, "node-20", "v20.3.0")
        val npm = fakeTool(directory, "npm-9", "9.6.7")
        NodeToolchain(node, npm).require() shouldBe "v20.3.0"
    }
})
