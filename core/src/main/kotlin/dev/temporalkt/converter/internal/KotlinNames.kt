package dev.temporalkt.converter.internal

import dev.temporalkt.internal.InternalTemporalApi

/**
 * The Kotlin names of the classes Kotlin maps to Java ones (`java.lang.String` is `kotlin.String`, `java.util.List`
 * is `kotlin.collections.List`) and back, as kotlin-reflect names them, so types read without it read the same in
 * messages, and a Kotlin class name in metadata resolves to its Java class.
 */
@InternalTemporalApi
public object KotlinNames {
    private val javaToKotlin: Map<Class<*>, String> = mapOf(
        Any::class.java to "kotlin.Any",
        String::class.java to "kotlin.String",
        CharSequence::class.java to "kotlin.CharSequence",
        Number::class.java to "kotlin.Number",
        Comparable::class.java to "kotlin.Comparable",
        Throwable::class.java to "kotlin.Throwable",
        Enum::class.java to "kotlin.Enum",
        Annotation::class.java to "kotlin.Annotation",
        Cloneable::class.java to "kotlin.Cloneable",
        java.lang.Void::class.java to "kotlin.Nothing",
        Int::class.javaPrimitiveType!! to "kotlin.Int", Int::class.javaObjectType to "kotlin.Int",
        Long::class.javaPrimitiveType!! to "kotlin.Long", Long::class.javaObjectType to "kotlin.Long",
        Short::class.javaPrimitiveType!! to "kotlin.Short", Short::class.javaObjectType to "kotlin.Short",
        Byte::class.javaPrimitiveType!! to "kotlin.Byte", Byte::class.javaObjectType to "kotlin.Byte",
        Char::class.javaPrimitiveType!! to "kotlin.Char", Char::class.javaObjectType to "kotlin.Char",
        Float::class.javaPrimitiveType!! to "kotlin.Float", Float::class.javaObjectType to "kotlin.Float",
        Double::class.javaPrimitiveType!! to "kotlin.Double", Double::class.javaObjectType to "kotlin.Double",
        Boolean::class.javaPrimitiveType!! to "kotlin.Boolean", Boolean::class.javaObjectType to "kotlin.Boolean",
        Iterable::class.java to "kotlin.collections.Iterable",
        Iterator::class.java to "kotlin.collections.Iterator",
        ListIterator::class.java to "kotlin.collections.ListIterator",
        Collection::class.java to "kotlin.collections.Collection",
        List::class.java to "kotlin.collections.List",
        Set::class.java to "kotlin.collections.Set",
        Map::class.java to "kotlin.collections.Map",
        Map.Entry::class.java to "kotlin.collections.Map.Entry",
        IntArray::class.java to "kotlin.IntArray", LongArray::class.java to "kotlin.LongArray",
        ShortArray::class.java to "kotlin.ShortArray", ByteArray::class.java to "kotlin.ByteArray",
        CharArray::class.java to "kotlin.CharArray", FloatArray::class.java to "kotlin.FloatArray",
        DoubleArray::class.java to "kotlin.DoubleArray", BooleanArray::class.java to "kotlin.BooleanArray",
    )

    private val kotlinToJava: Map<String, Class<*>> = buildMap {
        for ((javaClass, name) in javaToKotlin) {
            // the primitive class for the Kotlin primitive (Int::class.java is int), the class itself otherwise
            if (!containsKey(name) || javaClass.isPrimitive) put(name, javaClass)
        }
        put("kotlin.Unit", Unit::class.java)
        put("kotlin.collections.MutableIterable", Iterable::class.java)
        put("kotlin.collections.MutableIterator", Iterator::class.java)
        put("kotlin.collections.MutableListIterator", ListIterator::class.java)
        put("kotlin.collections.MutableCollection", Collection::class.java)
        put("kotlin.collections.MutableList", List::class.java)
        put("kotlin.collections.MutableSet", Set::class.java)
        put("kotlin.collections.MutableMap", Map::class.java)
        put("kotlin.collections.MutableMap.MutableEntry", Map.Entry::class.java)
        put("kotlin.Array", Array<Any?>::class.java)
    }

    /**
     * The Kotlin name of [javaClass] (`kotlin.String`), or its Java name when Kotlin has no other (`com.example.Outer.Inner`,
     * as Kotlin writes a nested class).
     */
    public fun of(javaClass: Class<*>): String = javaToKotlin[javaClass] ?: when {
        javaClass.isArray && !javaClass.componentType.isPrimitive -> "kotlin.Array"
        javaClass.name.startsWith("kotlin.jvm.functions.Function") -> "kotlin." + javaClass.simpleName
        else -> javaClass.canonicalName ?: javaClass.name
    }

    /**
     * The Java class of the Kotlin class named [kotlinName] in metadata form (`kotlin/collections/List`,
     * `com/example/Outer.Inner`), loaded with [loader]; `null` when it cannot be found.
     */
    public fun javaClassOf(kotlinName: String, loader: ClassLoader?): Class<*>? {
        val dotted = kotlinName.replace('/', '.')
        kotlinToJava[dotted]?.let { return it }
        if (dotted.startsWith("kotlin.Function") && dotted.removePrefix("kotlin.Function").all(Char::isDigit)) {
            return load("kotlin.jvm.functions." + dotted.removePrefix("kotlin."), loader)
        }
        val packageEnd = kotlinName.lastIndexOf('/')
        val binary = kotlinName.substring(0, packageEnd + 1).replace('/', '.') +
            kotlinName.substring(packageEnd + 1).replace('.', '$')
        return load(binary, loader)
    }

    private fun load(name: String, loader: ClassLoader?): Class<*>? = try {
        Class.forName(name, false, loader)
    } catch (e: ClassNotFoundException) {
        null
    } catch (e: LinkageError) {
        null
    }
}
