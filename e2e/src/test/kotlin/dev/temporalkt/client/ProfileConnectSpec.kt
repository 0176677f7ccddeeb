package dev.temporalkt.client

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.envconfig.ClientConfigProfile
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import java.nio.file.Files
import kotlin.io.path.deleteIfExists
import kotlin.io.path.writeText

/** A client configured from a TOML profile file connects to the server the profile names and runs workflows there. */
class ProfileConnectSpec : FunSpec({
    for ((server, target) in clientTestServers()) {
        test("$server: Client.connect with a profile loaded from a TOML file starts and completes a workflow") {
            val file = Files.createTempFile("temporal", ".toml")
            file.writeText(
                """
                [profile.default]
                address = "localhost:1"

                [profile.local]
                address = "${target()}"
                namespace = "default"

                [profile.local.grpc_meta]
                team = "checkout"
                """.trimIndent(),
            )
            val profile = try {
                ClientConfigProfile.load(profile = "local", configFile = file, env = emptyMap())
            } finally {
                file.deleteIfExists()
            }
            profile.address shouldBe target()

            val client = Client.connect(profile, base = ConnectionOptions(identity = "profile-client"))
            client.connection.use {
                client.connection.options.target shouldBe target()
                client.connection.options.metadata shouldBe mapOf("team" to "checkout")
                client.namespace shouldBe "default"
                client.identity shouldBe "profile-client"

                val workflow = ScriptedWorkflow(client, "from-profile")
                coroutineScope {
                    val result = async { client.executeWorkflow<String>("Greeting", "Ada", options = workflow.options) }
                    val task = workflow.tasks.poll()
                    val started = task.history.eventsList.first().workflowExecutionStartedEventAttributes
                    started.input.getPayloads(0).data.toStringUtf8() shouldBe "\"Ada\""
                    started.identity shouldBe "profile-client"
                    val answer = Payloads.newBuilder().addPayloads(client.dataConverter.encodeValue("Hello, Ada")).build()
                    workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(answer)))
                    result.await() shouldBe "Hello, Ada"
                }
            }
        }
    }
})
