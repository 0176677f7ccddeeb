package dev.temporalkt.converter

import com.google.protobuf.Message
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.TargetType
import java.lang.reflect.Modifier

/** Default instances of generated message classes, looked up once per class. */
private val defaultInstances = object : ClassValue<Message?>() {
    override fun computeValue(type: Class<*>): Message? {
        if (!Message::class.java.isAssignableFrom(type) || type.isInterface || Modifier.isAbstract(type.modifiers)) {
            return null
        }
        return try {
            type.getMethod("getDefaultInstance").invoke(null) as? Message
        } catch (_: ReflectiveOperationException) {
            null
        }
    }
}

/**
 * Finds the message prototype to parse a protobuf payload of [encoding] into [target].
 *
 * A concrete generated class wins; its full name must match the payload's [messageType] when that is
 * present. An unconstrained target (`Any`, `Object`, `Message`, `MessageOrBuilder`...) is resolved
 * through [known] by message type.
 */
internal fun protobufPrototype(
    encoding: String,
    target: TargetType,
    messageType: String?,
    known: Map<String, Message>,
): Message {
    val rawClass = target.rawClass
    val concrete = rawClass?.let { defaultInstances.get(it) }
    if (concrete != null) {
        val expected = concrete.descriptorForType.fullName
        if (messageType != null && messageType != expected) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "payload holds protobuf message '$messageType' but the type is message '$expected'",
            )
        }
        return concrete
    }
    val messageSupertype = rawClass == null || rawClass.isAssignableFrom(Message::class.java) ||
        Message::class.java.isAssignableFrom(rawClass)
    if (messageSupertype) {
        if (messageType == null) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "payload has no 'messageType' metadata, so the message class must be given as the type",
            )
        }
        val registered = known[messageType] ?: throw PayloadConversionException(
            Direction.DECODE, encoding, target.name,
            "protobuf message '$messageType' is not registered; ask for its generated class as the type " +
                "or pass a default instance in the converter's knownMessages",
        )
        if (rawClass != null && !rawClass.isInstance(registered)) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "protobuf message '$messageType' is ${registered.javaClass.name}, which is not a ${rawClass.name}",
            )
        }
        return registered
    }
    throw PayloadConversionException(
        Direction.DECODE, encoding, target.name,
        "a protobuf payload${messageType?.let { " (message '$it')" } ?: ""} can only be decoded into a " +
            "generated protobuf message class, not ${rawClass.name}",
    )
}
