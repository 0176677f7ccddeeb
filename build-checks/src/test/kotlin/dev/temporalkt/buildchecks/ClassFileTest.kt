package dev.temporalkt.buildchecks

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class ClassFileTest {
    private val references = Fixtures.classes("fixtures/refs").single { it.name == "fixtures/refs/References" }

    @Test
    fun `reads the class structure`() {
        assertEquals("fixtures.refs", references.packageName)
        assertEquals("fixtures/refs/types/SuperType", references.superName)
        assertEquals(listOf("fixtures/refs/types/InterfaceType"), references.interfaces)
        assertEquals(
            listOf("field Lfixtures/refs/types/FieldType; null", "generic Ljava/util/List; Ljava/util/List<Lfixtures/refs/types/GenericArgument;>;"),
            references.fields.map { "${it.name} ${it.descriptor} ${it.signature}" },
        )
        assertEquals(
            "method(Lfixtures/refs/types/ParameterType;)Lfixtures/refs/types/ReturnType;",
            references.methods.single { it.name == "method" }.toString(),
        )
        assertEquals(listOf("fixtures/refs/types/AnnotationType"), references.annotations.map { it.type }) // CLASS retention
    }

    @Test
    fun `finds every kind of class reference`() {
        val expected = listOf(
            "AnnotationType", "ArrayElementType", "CaughtType", "ClassLiteralType", "ConstantHolder", "FieldType",
            "FunctionType", "GenericArgument", "InterfaceType", "NewType", "ParameterType", "ReturnType",
            "StaticCallType", "SuperType", "ThrownType",
        ).map { "fixtures/refs/types/$it" }
        assertEquals(expected, references.referencedClasses.filter { it.startsWith("fixtures/") })
    }

    @Test
    fun `reads nested class access and Kotlin metadata values from annotations`() {
        val nested = Fixtures.classes("fixtures/api").single { it.name == "fixtures/api/JavaBase\$ProtectedNested" }
        val inner = nested.asInnerClass!!
        assertEquals("fixtures/api/JavaBase" to "ProtectedNested", inner.outerName to inner.simpleName)
        assertEquals(ClassFile.ACC_PROTECTED or ClassFile.ACC_STATIC, inner.access)

        val point = Fixtures.classes("fixtures/api").single { it.name == "fixtures/api/Point" }
        val metadata = point.annotation("kotlin/Metadata")!!.values
        assertEquals(1, metadata["k"]) // a class
        assertEquals(listOf("Lfixtures/api/Point;", "", "x", "", "y", "<init>", "(II)V"), (metadata["d2"] as List<*>).take(7))
    }

    @Test
    fun `scans generic signatures without taking type parameter names for types`() {
        val found = mutableListOf<String>()
        SignatureScanner("<LIST:Ljava/lang/Object;T::Ljava/lang/Comparable<-TT;>;>Lp/Outer<TLIST;>.Inner<[I*>;Lp/I;") { found += it }.scan()
        assertEquals(listOf("java/lang/Object", "java/lang/Comparable", "p/Outer", "p/Outer\$Inner", "p/I"), found)

        found.clear()
        SignatureScanner("<T:Ljava/lang/Object;>(TT;[[Lp/A;J)Lp/B;^Lp/E;^TX;") { found += it }.scan()
        assertEquals(listOf("java/lang/Object", "p/A", "p/B", "p/E"), found)
    }

    @Test
    fun `rejects what is not a class file`() {
        val error = assertThrows<ClassFormatError> { ClassFile.read(byteArrayOf(1, 2, 3, 4, 0, 0, 0, 0)) }
        assertEquals("not a class file (no 0xCAFEBABE magic)", error.message)
    }
}
