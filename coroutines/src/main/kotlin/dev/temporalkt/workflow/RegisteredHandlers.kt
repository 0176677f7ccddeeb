package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
import kotlin.reflect.KType

/*
 * The handlers of a run as the runtime keeps them: built from the workflow class's annotated functions, or registered
 * by workflow code at run time (Workflow.setSignalHandler and the like). Each turns the message's payloads into its
 * arguments ([decode]) before calling the handler with them.
 */

/** A signal handler: [decode] turns the input into the handler's arguments, [call] runs it in the handler's coroutine. */
internal class SignalHandler(
    val policy: HandlerUnfinishedPolicy,
    val decode: (name: String, input: Payloads) -> List<Any?>,
    val call: suspend (name: String, args: List<Any?>) -> Unit,
    val description: String = "",
)

/** A query handler: [decode] turns the input into arguments, [answer] computes the answer, encoded as [resultType]. */
internal class QueryHandler(
    val resultType: KType,
    val decode: (name: String, input: Payloads) -> List<Any?>,
    val answer: (name: String, args: List<Any?>) -> Any?,
    val description: String = "",
)

/**
 * An update handler: [decode] turns the input into arguments, [validate] (when there is a validator) rejects the update
 * by throwing before it is accepted, [run] runs the handler, whose result is encoded as [resultType].
 */
internal class UpdateHandler(
    val policy: HandlerUnfinishedPolicy,
    val resultType: KType,
    val decode: (name: String, input: Payloads) -> List<Any?>,
    val validate: ((List<Any?>) -> Unit)?,
    val run: suspend (List<Any?>) -> Any?,
    val description: String = "",
)
