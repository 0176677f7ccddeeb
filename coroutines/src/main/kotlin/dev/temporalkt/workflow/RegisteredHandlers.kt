package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.internal.InternalTemporalApi
import kotlin.reflect.KType

/*
 * The handlers of a run as the runtime keeps them: built from the workflow class's annotated functions, or registered
 * by workflow code at run time (Workflow.setSignalHandler and the like). Each turns the message's payloads into its
 * arguments ([decode]) before calling the handler with them.
 */

/** A signal handler: [decode] turns the input into the handler's arguments, [call] runs it in the handler's coroutine. */
@InternalTemporalApi
public class SignalHandler(
    public val policy: HandlerUnfinishedPolicy,
    public val decode: (name: String, input: Payloads) -> List<Any?>,
    public val call: suspend (name: String, args: List<Any?>) -> Unit,
    public val description: String = "",
)

/** A query handler: [decode] turns the input into arguments, [answer] computes the answer, encoded as [resultType]. */
@InternalTemporalApi
public class QueryHandler(
    public val resultType: KType,
    public val decode: (name: String, input: Payloads) -> List<Any?>,
    public val answer: (name: String, args: List<Any?>) -> Any?,
    public val description: String = "",
)

/**
 * An update handler: [decode] turns the input into arguments, [validate] (when there is a validator) rejects the update
 * by throwing before it is accepted, [run] runs the handler, whose result is encoded as [resultType].
 */
@InternalTemporalApi
public class UpdateHandler(
    public val policy: HandlerUnfinishedPolicy,
    public val resultType: KType,
    public val decode: (name: String, input: Payloads) -> List<Any?>,
    public val validate: ((List<Any?>) -> Unit)?,
    public val run: suspend (List<Any?>) -> Any?,
    public val description: String = "",
)
