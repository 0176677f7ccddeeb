package dev.temporalkt.buildchecks

import java.io.ByteArrayInputStream
import java.io.DataInputStream
import java.nio.file.Files
import java.nio.file.Path

/**
 * What the checks need from one `.class` file (JVMS chapter 4), read without any bytecode library.
 *
 * Names are internal names (`dev/temporalkt/client/Client`, `Outer$Nested`). [referencedClasses] holds every class
 * the file refers to: the `CONSTANT_Class` entries of its constant pool (supertypes, instantiated, cast, caught,
 * thrown and called-on classes, class literals, nest and inner class entries), the types in the descriptors of the
 * members it uses (`CONSTANT_NameAndType`, `CONSTANT_MethodType`) and declares, in its generic signatures and in
 * its annotations. Not references: class names in string constants (`Class.forName("...")`), types named only in
 * debug tables inside `Code` attributes (which are not read), and a compile-time constant's class when the compiler
 * inlined the constant without keeping a reference (javac keeps one).
 */
class ClassFile(
    val name: String,
    val access: Int,
    val superName: String?,
    val interfaces: List<String>,
    val fields: List<Member>,
    val methods: List<Member>,
    val annotations: List<Annotation>,
    val innerClasses: List<InnerClass>,
    val referencedClasses: Set<String>,
) {
    /** The package in dotted form, `""` for the default package. */
    val packageName: String get() = name.substringBeforeLast('/', "").replace('/', '.')

    /** The class name in dotted form, nested classes after `$`: `dev.temporalkt.client.Client$Companion`. */
    val dottedName: String get() = name.replace('/', '.')

    /** This class's own entry in its InnerClasses attribute, when it is a nested, local or anonymous class. */
    val asInnerClass: InnerClass? get() = innerClasses.firstOrNull { it.name == name }

    fun annotation(type: String): Annotation? = annotations.firstOrNull { it.type == type }

    override fun toString(): String = dottedName

    class Member(
        val access: Int,
        val name: String,
        val descriptor: String,
        val signature: String?,
        val annotations: List<Annotation>,
    ) {
        fun hasAnnotation(type: String): Boolean = annotations.any { it.type == type }
        override fun toString(): String = "$name$descriptor"
    }

    /** A RuntimeVisible or RuntimeInvisible annotation; [type] is an internal name, [values] hold element values. */
    class Annotation(val type: String, val values: Map<String, Any?>) {
        override fun toString(): String = "@$type$values"
    }

    /** An InnerClasses entry: [access] is the class's declared access (`private`, `protected`, `static`). */
    class InnerClass(val name: String, val outerName: String?, val simpleName: String?, val access: Int)

    companion object {
        const val ACC_PUBLIC = 0x0001
        const val ACC_PRIVATE = 0x0002
        const val ACC_PROTECTED = 0x0004
        const val ACC_STATIC = 0x0008
        const val ACC_FINAL = 0x0010
        const val ACC_INTERFACE = 0x0200
        const val ACC_ABSTRACT = 0x0400
        const val ACC_SYNTHETIC = 0x1000
        const val ACC_ANNOTATION = 0x2000
        const val ACC_ENUM = 0x4000

        fun read(path: Path): ClassFile = try {
            read(Files.readAllBytes(path))
        } catch (e: ClassFormatError) {
            throw ClassFormatError("$path: ${e.message}")
        }

        fun read(bytes: ByteArray): ClassFile = Reader(bytes).read()
    }
}

private class Reader(bytes: ByteArray) {
    private val input = DataInputStream(ByteArrayInputStream(bytes))
    private lateinit var pool: Array<Any?>
    private lateinit var tags: IntArray
    private val references = sortedSetOf<String>()

    fun read(): ClassFile {
        if (input.readInt() != 0xCAFEBABE.toInt()) throw ClassFormatError("not a class file (no 0xCAFEBABE magic)")
        input.readUnsignedShort() // minor
        input.readUnsignedShort() // major
        readConstantPool()
        val access = input.readUnsignedShort()
        val name = className(input.readUnsignedShort())!!
        val superName = className(input.readUnsignedShort())
        val interfaces = List(input.readUnsignedShort()) { className(input.readUnsignedShort())!! }
        val fields = List(input.readUnsignedShort()) { readMember() }
        val methods = List(input.readUnsignedShort()) { readMember() }
        val annotations = mutableListOf<ClassFile.Annotation>()
        val innerClasses = mutableListOf<ClassFile.InnerClass>()
        repeat(input.readUnsignedShort()) {
            val attribute = utf8(input.readUnsignedShort())
            val length = input.readInt()
            when (attribute) {
                "Signature" -> signatureTypes(utf8(input.readUnsignedShort()))
                "RuntimeVisibleAnnotations", "RuntimeInvisibleAnnotations" -> annotations += readAnnotations()
                "InnerClasses" -> repeat(input.readUnsignedShort()) {
                    val inner = className(input.readUnsignedShort())!!
                    val outer = className(input.readUnsignedShort())
                    val simpleIndex = input.readUnsignedShort()
                    innerClasses += ClassFile.InnerClass(
                        inner, outer, if (simpleIndex == 0) null else utf8(simpleIndex), input.readUnsignedShort(),
                    )
                }
                else -> input.skipNBytes(length.toLong())
            }
        }
        references.remove(name)
        return ClassFile(name, access, superName, interfaces, fields, methods, annotations, innerClasses, references)
    }

    private fun readConstantPool() {
        val count = input.readUnsignedShort()
        pool = arrayOfNulls(count)
        tags = IntArray(count)
        var i = 1
        while (i < count) {
            val tag = input.readUnsignedByte()
            tags[i] = tag
            pool[i] = when (tag) {
                1 -> input.readUTF() // CONSTANT_Utf8, modified UTF-8 with a u2 length, exactly what readUTF reads
                3 -> input.readInt()
                4 -> input.readFloat()
                5 -> input.readLong()
                6 -> input.readDouble()
                7, 8, 16, 19, 20 -> input.readUnsignedShort() // Class, String, MethodType, Module, Package
                9, 10, 11, 12, 17, 18 -> input.readInt() // refs, NameAndType, Dynamic, InvokeDynamic: two u2
                15 -> { input.readUnsignedByte(); input.readUnsignedShort() } // MethodHandle: its ref is an entry too
                else -> throw ClassFormatError("unknown constant pool tag $tag at index $i")
            }
            i += if (tag == 5 || tag == 6) 2 else 1
        }
        for (index in 1 until count) {
            when (tags[index]) {
                7 -> className(index)
                12 -> signatureTypes(utf8((pool[index] as Int) and 0xFFFF)) // NameAndType: its descriptor
                16 -> signatureTypes(utf8(pool[index] as Int)) // MethodType
            }
        }
    }

    private fun readMember(): ClassFile.Member {
        val access = input.readUnsignedShort()
        val name = utf8(input.readUnsignedShort())
        val descriptor = utf8(input.readUnsignedShort())
        signatureTypes(descriptor)
        var signature: String? = null
        val annotations = mutableListOf<ClassFile.Annotation>()
        repeat(input.readUnsignedShort()) {
            val attribute = utf8(input.readUnsignedShort())
            val length = input.readInt()
            when (attribute) {
                "Signature" -> signature = utf8(input.readUnsignedShort()).also { signatureTypes(it) }
                "RuntimeVisibleAnnotations", "RuntimeInvisibleAnnotations" -> annotations += readAnnotations()
                "RuntimeVisibleParameterAnnotations", "RuntimeInvisibleParameterAnnotations" ->
                    repeat(input.readUnsignedByte()) { readAnnotations() }
                "AnnotationDefault" -> readElementValue()
                else -> input.skipNBytes(length.toLong())
            }
        }
        return ClassFile.Member(access, name, descriptor, signature, annotations)
    }

    private fun readAnnotations(): List<ClassFile.Annotation> = List(input.readUnsignedShort()) { readAnnotation() }

    private fun readAnnotation(): ClassFile.Annotation {
        val type = typeOfDescriptor(utf8(input.readUnsignedShort()))
        val values = LinkedHashMap<String, Any?>()
        repeat(input.readUnsignedShort()) { values[utf8(input.readUnsignedShort())] = readElementValue() }
        return ClassFile.Annotation(type, values)
    }

    /** Strings and numbers as themselves, arrays as lists, enum constants and classes as their internal type names. */
    private fun readElementValue(): Any? = when (val tag = input.readUnsignedByte().toChar()) {
        'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's' -> pool[input.readUnsignedShort()]
        'e' -> typeOfDescriptor(utf8(input.readUnsignedShort())).also { input.readUnsignedShort() }
        'c' -> utf8(input.readUnsignedShort()).also { signatureTypes(it) }
        '@' -> readAnnotation()
        '[' -> List(input.readUnsignedShort()) { readElementValue() }
        else -> throw ClassFormatError("unknown annotation element value tag '$tag'")
    }

    private fun utf8(index: Int): String = pool[index] as? String
        ?: throw ClassFormatError("constant pool entry $index is not a CONSTANT_Utf8")

    /** The internal name of a CONSTANT_Class entry, recorded as a reference; array classes name their element. */
    private fun className(index: Int): String? {
        if (index == 0) return null
        val name = utf8(pool[index] as Int)
        if (name.startsWith("[")) {
            signatureTypes(name)
        } else {
            references += name
        }
        return name
    }

    private fun typeOfDescriptor(descriptor: String): String {
        signatureTypes(descriptor)
        return descriptor.removePrefix("L").removeSuffix(";")
    }

    private fun signatureTypes(signature: String) {
        SignatureScanner(signature) { references += it }.scan()
    }
}

/**
 * Finds the class types in a field or method descriptor or in a generic signature (JVMS 4.7.9.1), including the
 * type arguments and bounds; `Lp/Outer<TT;>.Inner;` yields `p/Outer` and `p/Outer$Inner`. Type variables
 * (`TT;`) and primitive types are skipped.
 */
internal class SignatureScanner(private val text: String, private val found: (String) -> Unit) {
    private var position = 0

    fun scan() {
        if (peek() == '<') typeParameters()
        while (position < text.length) {
            when (text[position]) {
                '(', ')', '^' -> position++
                else -> javaType()
            }
        }
    }

    private fun typeParameters() {
        expect('<')
        while (peek() != '>') {
            identifier() // the type parameter's name, which may start with 'L' or 'T'
            while (peek() == ':') {
                position++
                if (peek() != ':' && peek() != '>') referenceType()
            }
        }
        expect('>')
    }

    private fun javaType() {
        when (peek()) {
            'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'V' -> position++
            else -> referenceType()
        }
    }

    private fun referenceType() {
        when (peek()) {
            'L' -> classType()
            'T' -> { position++; identifier(); expect(';') }
            '[' -> { position++; javaType() }
            else -> throw ClassFormatError("unexpected '${peek()}' at $position in signature $text")
        }
    }

    private fun classType() {
        expect('L')
        var name = identifierWithSlashes()
        found(name)
        while (true) {
            if (peek() == '<') typeArguments()
            when (peek()) {
                '.' -> { position++; name = "$name$${identifier()}"; found(name) }
                ';' -> { position++; return }
                else -> throw ClassFormatError("unexpected '${peek()}' at $position in signature $text")
            }
        }
    }

    private fun typeArguments() {
        expect('<')
        while (peek() != '>') {
            when (peek()) {
                '*' -> position++
                '+', '-' -> { position++; referenceType() }
                else -> referenceType()
            }
        }
        expect('>')
    }

    private fun identifierWithSlashes(): String {
        val start = position
        while (position < text.length && text[position] !in ";<.") position++
        return text.substring(start, position)
    }

    private fun identifier(): String {
        val start = position
        while (position < text.length && text[position] !in ";<>.:/") position++
        return text.substring(start, position)
    }

    private fun peek(): Char = if (position < text.length) text[position] else
        throw ClassFormatError("signature $text ends early")

    private fun expect(c: Char) {
        if (peek() != c) throw ClassFormatError("expected '$c' at $position in signature $text")
        position++
    }
}
