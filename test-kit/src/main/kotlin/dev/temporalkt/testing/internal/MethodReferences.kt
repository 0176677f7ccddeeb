package dev.temporalkt.testing.internal

import java.io.Serializable
import java.lang.invoke.SerializedLambda
import java.lang.reflect.Method
import kotlin.reflect.KFunction
import kotlin.reflect.jvm.kotlinFunction

/**
 * Resolves a Java method reference passed as a serializable functional interface (`GreetingActivities::compose`) to the
 * method it refers to: the reference's `writeReplace` gives its [SerializedLambda], which names the class, the method
 * and its JVM descriptor.
 */
internal object MethodReferences {
    fun method(reference: Serializable): Method {
        val lambda = try {
            val writeReplace = reference.javaClass.getDeclaredMethod("writeReplace")
            writeReplace.isAccessible = true
            writeReplace.invoke(reference) as SerializedLambda
        } catch (e: ReflectiveOperationException) {
            throw IllegalArgumentException("Pass a method reference (Type::method), not a lambda or another object: $reference", e)
        }
        require(!lambda.implMethodName.startsWith("lambda$")) {
            "Pass a method reference (Type::method), not a lambda: the activity is named by the referenced method"
        }
        val owner = Class.forName(lambda.implClass.replace('/', '.'), false, reference.javaClass.classLoader)
        return owner.declaredMethods.firstOrNull { it.name == lambda.implMethodName && descriptor(it) == lambda.implMethodSignature }
            ?: throw IllegalArgumentException("Cannot find ${owner.name}.${lambda.implMethodName}${lambda.implMethodSignature}")
    }

    fun kotlinFunction(reference: Serializable): KFunction<*> {
        val method = method(reference)
        return method.kotlinFunction
            ?: throw IllegalArgumentException("${method.declaringClass.name}.${method.name} has no Kotlin function to take the activity's name from")
    }

    private fun descriptor(method: Method): String =
        method.parameterTypes.joinToString("", prefix = "(", postfix = ")") { it.descriptorString() } +
            method.returnType.descriptorString()
}
