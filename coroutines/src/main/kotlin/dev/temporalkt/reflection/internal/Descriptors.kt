package dev.temporalkt.reflection.internal

import java.lang.reflect.Executable
import java.lang.reflect.Method

/** JVM descriptors (`(Ljava/lang/String;I)V`) of methods and constructors, as Kotlin metadata and references name them. */
internal object Descriptors {
    /** The descriptor of [member]. */
    fun of(member: Executable): String = buildString {
        append('(')
        member.parameterTypes.forEach { append(of(it)) }
        append(')')
        append(if (member is Method) of(member.returnType) else "V")
    }

    /** The descriptor of [type]. */
    fun of(type: Class<*>): String = when {
        type.isArray -> "[" + of(type.componentType)
        type.isPrimitive -> when (type) {
            Int::class.javaPrimitiveType -> "I"
            Long::class.javaPrimitiveType -> "J"
            Boolean::class.javaPrimitiveType -> "Z"
            Byte::class.javaPrimitiveType -> "B"
            Char::class.javaPrimitiveType -> "C"
            Short::class.javaPrimitiveType -> "S"
            Float::class.javaPrimitiveType -> "F"
            Double::class.javaPrimitiveType -> "D"
            else -> "V"
        }
        else -> "L" + type.name.replace('.', '/') + ";"
    }
}
