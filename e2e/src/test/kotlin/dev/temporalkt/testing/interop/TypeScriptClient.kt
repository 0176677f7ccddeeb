package dev.temporalkt.testing.interop

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * Runs one workflow through the TypeScript SDK's client (`@temporalio/client`, script `src/client.js`) and returns
 * how it ended, as the TypeScript SDK decoded it: `{"status":"completed","result":...,"steps":[...]}` or
 * `{"status":"failed","error":{"name":..., "message":..., "type":..., "details":[...], "cause":{...}},"steps":[...]}`.
 *
 * Steps played between start and result: `{"signal":name,"args":[...]}`, `{"query":name,"args":[...]}`,
 * `{"update":name,"args":[...]}`, `{"cancel":true}`; queries and updates come back with `result` or `error`.
 */
object TypeScriptClient {
    /**
     * Starts [workflowType] with [argsJson] (a JSON array of arguments) on [taskQueue], plays [stepsJson] (a JSON
     * array of steps) and waits for the outcome.
     */
    fun execute(
        target: String,
        namespace: String,
        taskQueue: String,
        workflowType: String,
        workflowId: String,
        argsJson: String,
        stepsJson: String = "[]",
    ): JsonObject {
        val directory = TypeScriptProject.directory()
        NodeProcess(directory, "src/client.js", listOf(target, namespace, taskQueue, workflowType, workflowId, argsJson, stepsJson)).use { process ->
            val exitCode = process.awaitExit(60)
            check(exitCode == 0) { "The TypeScript client exited with code $exitCode:\n${process.output}" }
            val line = process.output.lines().lastOrNull { it.startsWith("{") }
                ?: error("The TypeScript client printed no outcome:\n${process.output}")
            return Json.parseToJsonElement(line).jsonObject
        }
    }
}
