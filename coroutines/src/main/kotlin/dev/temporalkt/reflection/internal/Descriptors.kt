package dev.temporalkt.reflection.internal

import java.lang.invoke.MethodType
import java.lang.reflect.Executable
import java.lang.reflect.Method

/** JVM descriptors (`(Ljava/lang/String;I)V`) of methods and constructors, as Kotlin metadata and references name them. */
internal object Descriptors {
    /** The descriptor of [member]. */
    fun of(member: Executable): String =
        MethodType.methodType(if (member is Method) member.returnType else Void.TYPE, member.parameterTypes).toMethodDescriptorString()
}
