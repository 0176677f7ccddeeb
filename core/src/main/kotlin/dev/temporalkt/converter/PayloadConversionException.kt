package dev.temporalkt.converter

/**
 * A value could not be turned into a payload, or a payload could not be turned into a value.
 *
 * The message always says which way the conversion went, the payload encoding involved (when one is
 * known), the type asked for and why it failed, for example:
 *
 * ```text
 * Cannot decode payload with encoding 'json/plain' into type 'com.example.Order': JSON does not match the type: ...
 * Cannot decode payload with encoding 'text/csv' into type 'kotlin.String': unknown encoding 'text/csv'; known encodings: binary/null, ...
 * Cannot encode value of type 'com.example.Socket': no payload converter accepts a value of class com.example.Socket; ...
 * Cannot decode payload into type '(kotlin.String, kotlin.Int)': expected 2 payloads but got 1; ...
 * ```
 *
 * It is thrown for undecodable data (malformed JSON or protobuf bytes), unknown or missing encodings,
 * payloads that do not fit the requested type, values no converter accepts, and too few payloads for the
 * declared parameters. Custom [EncodingPayloadConverter]s should throw it too.
 *
 * @property direction whether a value was being encoded or a payload decoded.
 * @property encoding the payload encoding involved, or `null` when none applies (for example a payload
 *   without `encoding` metadata, or a value that no converter accepts).
 * @property typeName the type the value was encoded as or the payload was decoded into.
 * @property reason what went wrong, without the common prefix.
 * @property index position of the payload in a list of payloads, or `null` for a single payload.
 */
public class PayloadConversionException(
    public val direction: Direction,
    public val encoding: String?,
    public val typeName: String,
    public val reason: String,
    cause: Throwable? = null,
    public val index: Int? = null,
) : RuntimeException(describe(direction, encoding, typeName, reason, index), cause) {

    /** Which way a failed conversion went. */
    public enum class Direction {
        /** A value was being turned into a payload. */
        ENCODE,

        /** A payload was being turned into a value. */
        DECODE,
    }

    /** Returns a copy of this exception that also names the payload's [index] in its list. */
    public fun atIndex(index: Int): PayloadConversionException =
        PayloadConversionException(direction, encoding, typeName, reason, cause, index).also {
            it.stackTrace = stackTrace
        }

    private companion object {
        fun describe(direction: Direction, encoding: String?, typeName: String, reason: String, index: Int?): String {
            val at = if (index != null) " at index $index" else ""
            return when (direction) {
                Direction.DECODE -> {
                    val with = if (encoding != null) " with encoding '$encoding'" else ""
                    "Cannot decode payload$at$with into type '$typeName': $reason"
                }
                Direction.ENCODE -> {
                    val with = if (encoding != null) " as '$encoding'" else ""
                    "Cannot encode value$at of type '$typeName'$with: $reason"
                }
            }
        }
    }
}
