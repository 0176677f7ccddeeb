package dev.temporalkt.buildchecks

import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_ABSTRACT
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_ANNOTATION
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_ENUM
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_FINAL
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_INTERFACE
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_PROTECTED
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_PUBLIC
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_STATIC
import dev.temporalkt.buildchecks.ClassFile.Companion.ACC_SYNTHETIC
import kotlin.metadata.KmProperty
import kotlin.metadata.Visibility
import kotlin.metadata.jvm.KotlinClassMetadata
import kotlin.metadata.jvm.Metadata
import kotlin.metadata.jvm.fieldSignature
import kotlin.metadata.jvm.getterSignature
import kotlin.metadata.jvm.setterSignature
import kotlin.metadata.jvm.signature
import kotlin.metadata.jvm.syntheticMethodForAnnotations
import kotlin.metadata.visibility

/**
 * Renders the public API of one module's class files as sorted, stable text.
 *
 * What is API: public and protected classes whose enclosing classes are API too, with their superclass and
 * interfaces, and their public and protected fields, constructors and methods with JVM descriptors. What is not:
 * - classes in packages with a segment named `internal` (`dev.temporalkt.internal`, `dev.temporalkt.worker.internal.poll`);
 * - classes and members annotated with [INTERNAL_API] (`@InternalTemporalApi`, kept in class files with BINARY
 *   retention; on a Kotlin property the compiler puts it on the synthetic `get…$annotations` method, which is
 *   followed to the property's getter, setter and field), and classes nested in such classes;
 * - Kotlin declarations whose Kotlin visibility (read from the `kotlin.Metadata` annotation) is `internal` or
 *   `private` although the class file says public, unless they are `@PublishedApi` (callable from public inline
 *   functions); this includes a non-public companion object's `Companion` field;
 * - synthetic classes and members: bridges, `access$…`, `…$default` (default arguments) and `…$annotations`,
 *   lambdas and `$WhenMappings` classes, Kotlin multi-file class parts; file facades (`…Kt`) and `$DefaultImpls`
 *   classes without any API member.
 * Kept because they are callable: `Companion` and `INSTANCE` fields, data class `componentN`/`copy`/`equals`/
 * `hashCode`/`toString`, enum `values`/`valueOf`/`getEntries`, `@JvmOverloads` and `@JvmStatic` methods, the
 * public static methods of `$DefaultImpls` classes.
 */
object ApiDump {
    const val INTERNAL_API = "dev/temporalkt/internal/InternalTemporalApi"
    const val PUBLISHED_API = "kotlin/PublishedApi"

    fun render(classes: List<ClassFile>): String {
        val byName = classes.associateBy { it.name }
        val kotlin = HashMap<String, KotlinClassMetadata?>()
        fun metadataOf(classFile: ClassFile) = kotlin.getOrPut(classFile.name) { kotlinMetadata(classFile) }
        val apiClasses = HashMap<String, Boolean>()

        fun isApiClass(classFile: ClassFile): Boolean = apiClasses.getOrPut(classFile.name) {
            val inner = classFile.asInnerClass
            val access = inner?.access ?: classFile.access
            val metadata = metadataOf(classFile)
            val published = classFile.annotation(PUBLISHED_API) != null
            when {
                classFile.packageName.split('.').contains("internal") -> false
                classFile.access and ACC_SYNTHETIC != 0 -> false
                classFile.annotation(INTERNAL_API) != null -> false
                inner != null && inner.outerName == null -> false // local or anonymous
                access and (ACC_PUBLIC or ACC_PROTECTED) == 0 -> false
                metadata is KotlinClassMetadata.SyntheticClass -> classFile.name.endsWith("\$DefaultImpls")
                metadata is KotlinClassMetadata.MultiFileClassPart -> false
                metadata is KotlinClassMetadata.Class && !metadata.kmClass.visibility.isApi && !published -> false
                else -> inner == null || byName[inner.outerName]?.let { isApiClass(it) } ?: true
            }
        }

        val out = StringBuilder()
        for (classFile in classes.sortedBy { it.dottedName }) {
            if (!isApiClass(classFile)) continue
            val hidden = kotlinHiddenMembers(classFile, metadataOf(classFile), byName, ::isApiClass)
            fun isApiMember(member: ClassFile.Member) =
                member.access and (ACC_PUBLIC or ACC_PROTECTED) != 0 &&
                    member.access and ACC_SYNTHETIC == 0 &&
                    !member.hasAnnotation(INTERNAL_API) &&
                    (member.name + member.descriptor !in hidden || member.hasAnnotation(PUBLISHED_API))

            val fields = classFile.fields.filter(::isApiMember).sortedWith(compareBy({ it.name }, { it.descriptor }))
            val methods = classFile.methods.filter(::isApiMember)
                .sortedWith(compareBy({ it.name != "<init>" }, { it.name }, { it.descriptor }))
            val metadata = metadataOf(classFile)
            val shell = metadata is KotlinClassMetadata.FileFacade || metadata is KotlinClassMetadata.MultiFileClassFacade ||
                metadata is KotlinClassMetadata.SyntheticClass
            if (shell && fields.isEmpty() && methods.isEmpty()) continue

            out.append(classLine(classFile)).append('\n')
            for (field in fields) {
                out.append("  ").append(modifiers(field.access, ACC_STATIC or ACC_FINAL))
                    .append("field ").append(field.name).append(' ').append(field.descriptor).append('\n')
            }
            for (method in methods) {
                out.append("  ").append(modifiers(method.access, ACC_STATIC or ACC_FINAL or ACC_ABSTRACT))
                if (method.name != "<init>") out.append("method ")
                out.append(method.name).append(method.descriptor).append('\n')
            }
            out.append('\n')
        }
        return out.toString()
    }

    private val Visibility.isApi: Boolean get() = this == Visibility.PUBLIC || this == Visibility.PROTECTED

    private fun classLine(classFile: ClassFile): String = buildString {
        val inner = classFile.asInnerClass
        val access = inner?.access ?: classFile.access
        val kind = when {
            access and ACC_ANNOTATION != 0 -> "annotation"
            access and ACC_INTERFACE != 0 -> "interface"
            access and ACC_ENUM != 0 -> "enum"
            else -> "class"
        }
        val shown = if (kind == "class" || kind == "enum") ACC_STATIC or ACC_FINAL or ACC_ABSTRACT else ACC_STATIC
        append(modifiers(access, shown)).append(kind).append(' ').append(classFile.dottedName)
        val supertypes = listOfNotNull(classFile.superName?.takeIf { it != "java/lang/Object" }) + classFile.interfaces.sorted()
        if (supertypes.isNotEmpty()) append(" : ").append(supertypes.joinToString(", ") { it.replace('/', '.') })
    }

    private fun modifiers(access: Int, shown: Int): String = buildString {
        append(if (access and ACC_PUBLIC != 0) "public " else "protected ")
        if (shown and ACC_STATIC != 0 && access and ACC_STATIC != 0) append("static ")
        if (shown and ACC_ABSTRACT != 0 && access and ACC_ABSTRACT != 0) append("abstract ")
        if (shown and ACC_FINAL != 0 && access and ACC_FINAL != 0) append("final ")
    }

    /**
     * The members (`name + descriptor`) that are public in the class file but not API by their Kotlin declaration:
     * `internal` or `private` functions, constructors and property accessors and fields, properties annotated with
     * [INTERNAL_API], and the field of a companion object that is not API.
     */
    private fun kotlinHiddenMembers(
        classFile: ClassFile,
        metadata: KotlinClassMetadata?,
        byName: Map<String, ClassFile>,
        isApiClass: (ClassFile) -> Boolean,
    ): Set<String> {
        val hidden = HashSet<String>()
        val methodsByName = classFile.methods.associateBy { it.name + it.descriptor }
        fun properties(properties: List<KmProperty>) {
            for (property in properties) {
                val annotated = property.syntheticMethodForAnnotations?.let { methodsByName[it.toString()] }
                val internal = annotated?.hasAnnotation(INTERNAL_API) == true
                if (internal || !property.visibility.isApi) property.fieldSignature?.let { hidden += it.toString() }
                if (internal || !property.getter.visibility.isApi) property.getterSignature?.let { hidden += it.toString() }
                if (internal || property.setter?.visibility?.isApi == false) property.setterSignature?.let { hidden += it.toString() }
            }
        }
        when (metadata) {
            is KotlinClassMetadata.Class -> {
                val kmClass = metadata.kmClass
                kmClass.constructors.filter { !it.visibility.isApi }.forEach { c -> c.signature?.let { hidden += it.toString() } }
                kmClass.functions.filter { !it.visibility.isApi }.forEach { f -> f.signature?.let { hidden += it.toString() } }
                properties(kmClass.properties)
                kmClass.companionObject?.let { companion ->
                    val companionClass = byName["${classFile.name}$$companion"]
                    if (companionClass != null && !isApiClass(companionClass)) {
                        classFile.fields.filter { it.name == companion }.forEach { hidden += it.name + it.descriptor }
                    }
                }
            }
            is KotlinClassMetadata.FileFacade -> {
                metadata.kmPackage.functions.filter { !it.visibility.isApi }.forEach { f -> f.signature?.let { hidden += it.toString() } }
                properties(metadata.kmPackage.properties)
            }
            else -> {}
        }
        return hidden
    }

    /** The class's `kotlin.Metadata`, or null for a Java class or metadata this library version cannot read. */
    private fun kotlinMetadata(classFile: ClassFile): KotlinClassMetadata? {
        val values = classFile.annotation("kotlin/Metadata")?.values ?: return null
        @Suppress("UNCHECKED_CAST")
        val metadata = Metadata(
            kind = values["k"] as Int?,
            metadataVersion = (values["mv"] as List<Int>?)?.toIntArray(),
            data1 = (values["d1"] as List<String>?)?.toTypedArray(),
            data2 = (values["d2"] as List<String>?)?.toTypedArray(),
            extraString = values["xs"] as String?,
            packageName = values["pn"] as String?,
            extraInt = values["xi"] as Int?,
        )
        return KotlinClassMetadata.readLenient(metadata)
    }
}
