package dev.temporalkt.java

import dev.temporalkt.java.client.TemporalClient
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import java.io.File
import java.lang.reflect.Executable
import java.lang.reflect.GenericArrayType
import java.lang.reflect.Member
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.TypeVariable
import java.lang.reflect.WildcardType

/**
 * Reads the compiled public classes of the Java facade (everything outside `internal` packages) and checks that Java
 * sees a Java API: no Kotlin-only type (`kotlin.time.Duration`, `Unit`, `KClass`, `KFunction`, `KType`, function
 * types, `Continuation`, `Flow`, `Pair`... any `kotlin.*` or `kotlinx.*` type) in a public or protected signature,
 * no mangled names (value classes give names with `-`), no default-argument stubs, companion factories callable as
 * static methods, and a builder for every options type.
 *
 * Kotlin `internal` members compile to public methods named `name$module`; they are not API and are skipped.
 */
class JavaSurfaceTest : FunSpec({
    val classes = facadeClasses()

    test("the facade has public classes to check") {
        classes.size shouldBeGreaterThan 40
    }

    test("the workflow, activity and worker side is among the checked classes") {
        val names = classes.map { it.name }.toSet()
        val expected = listOf(
            "dev.temporalkt.java.workflow.Workflow", "dev.temporalkt.java.workflow.WorkflowFuture",
            "dev.temporalkt.java.workflow.CancellationScope", "dev.temporalkt.java.workflow.WorkflowLock",
            "dev.temporalkt.java.workflow.ChildWorkflowHandle", "dev.temporalkt.java.activity.ActivityExecutionContext",
            "dev.temporalkt.java.worker.Worker", "dev.temporalkt.java.worker.Worker\$Builder",
            "dev.temporalkt.java.worker.WorkflowReplayer",
        )
        (expected - names).shouldBeEmpty()
    }

    test("no Kotlin-only type appears in a public or protected signature") {
        val problems = mutableListOf<String>()
        for (type in classes) {
            fun check(where: String, vararg types: Type) {
                for (t in types) kotlinTypesIn(t).forEach { problems += "$where mentions ${it.name}" }
            }
            check("${type.name} (supertypes)", *listOfNotNull(type.genericSuperclass).toTypedArray(), *type.genericInterfaces)
            for (method in type.declaredMethods.filter(::isApi)) {
                check(describe(method), method.genericReturnType, *method.genericParameterTypes, *method.genericExceptionTypes)
            }
            for (constructor in type.declaredConstructors.filter(::isApi)) {
                check(describe(constructor), *constructor.genericParameterTypes)
            }
            for (field in type.declaredFields.filter(::isApi)) {
                check("${type.name}.${field.name}", field.genericType)
            }
        }
        problems.shouldBeEmpty()
    }

    test("no mangled names and no default-argument stubs") {
        val problems = mutableListOf<String>()
        for (type in classes) {
            if ('-' in type.name) problems += "class ${type.name}"
            for (method in type.declaredMethods) {
                if (!isVisible(method)) continue
                if ('-' in method.name) problems += "${describe(method)} has a mangled name"
                if (method.name.endsWith("\$default") && '$' !in method.name.removeSuffix("\$default")) {
                    problems += "${type.name}.${method.name.removeSuffix("\$default")} has default arguments; use a builder or overloads"
                }
            }
        }
        problems.shouldBeEmpty()
    }

    test("companion functions are static methods of their class") {
        val problems = mutableListOf<String>()
        for (type in classes) {
            val companion = type.declaredClasses.firstOrNull { it.simpleName == "Companion" && Modifier.isPublic(it.modifiers) } ?: continue
            for (method in companion.declaredMethods.filter(::isApi)) {
                val static = runCatching { type.getMethod(method.name, *method.parameterTypes) }.getOrNull()
                if (static == null || !Modifier.isStatic(static.modifiers)) {
                    problems += "${type.name}.Companion.${method.name} is not @JvmStatic"
                }
            }
        }
        problems.shouldBeEmpty()
    }

    test("every options type has a builder") {
        val optionsTypes = classes.filter {
            it.enclosingClass == null && (it.simpleName.endsWith("Options") || it.simpleName in BUILT_VALUE_TYPES)
        }
        optionsTypes.map { it.simpleName }.toSet().containsAll(EXPECTED_OPTIONS_TYPES) || error(
            "options types missing: ${EXPECTED_OPTIONS_TYPES - optionsTypes.map { it.simpleName }.toSet()}",
        )
        val problems = mutableListOf<String>()
        for (type in optionsTypes) {
            val builder = type.declaredClasses.firstOrNull { it.simpleName == "Builder" && Modifier.isPublic(it.modifiers) }
            if (builder == null) {
                problems += "${type.name} has no public Builder"
                continue
            }
            val newBuilder = runCatching { type.getMethod("newBuilder") }.getOrNull()
            if (newBuilder == null || !Modifier.isStatic(newBuilder.modifiers) || newBuilder.returnType != builder) {
                problems += "${type.name} has no static newBuilder() returning its Builder"
            }
            val build = runCatching { builder.getMethod("build") }.getOrNull()
            if (build?.returnType != type) problems += "${builder.name} has no build() returning ${type.simpleName}"
            val toBuilder = runCatching { type.getMethod("toBuilder") }.getOrNull()
            if (toBuilder?.returnType != builder) problems += "${type.name} has no toBuilder()"
            // every setter of a builder returns the builder, so calls chain
            for (method in builder.declaredMethods.filter(::isApi)) {
                if (method.name != "build" && method.returnType != builder) problems += "${describe(method)} does not return the builder"
            }
        }
        problems.shouldBeEmpty()
    }
}) {
    private companion object {
        /** Options types the facade must offer builders for. */
        val EXPECTED_OPTIONS_TYPES = setOf(
            "ConnectionOptions", "TlsOptions", "KeepAliveOptions", "RpcRetryOptions", "ClientOptions", "WorkflowOptions",
            "UpdateOptions", "ListWorkflowsOptions", "CreateScheduleOptions",
            "Schedule", "ScheduleSpec", "ScheduleCalendarSpec", "SchedulePolicy", "ScheduleState",
            // the workflow and worker side
            "ActivityOptions", "LocalActivityOptions", "ChildWorkflowOptions", "ContinueAsNewOptions", "WorkerOptions",
        )

        /** Value types that are built like options. */
        val BUILT_VALUE_TYPES = setOf("Schedule", "ScheduleSpec", "ScheduleCalendarSpec", "SchedulePolicy", "ScheduleState")

        /** The public classes of the facade's output, outside `internal` packages. */
        fun facadeClasses(): List<Class<*>> {
            val root = File(TemporalClient::class.java.protectionDomain.codeSource.location.toURI())
            require(root.isDirectory) { "expected the facade's classes directory, got $root" }
            val loader = TemporalClient::class.java.classLoader
            return root.walkTopDown()
                .filter { it.isFile && it.name.endsWith(".class") }
                .map { it.relativeTo(root).path.removeSuffix(".class").replace(File.separatorChar, '.') }
                .filter { ".internal." !in it && !it.endsWith("package-info") }
                .map { Class.forName(it, false, loader) }
                .filter { isVisibleClass(it) && !it.isSynthetic && !it.isAnonymousClass && !it.isLocalClass }
                .sortedBy { it.name }
                .toList()
        }

        fun isVisibleClass(type: Class<*>): Boolean {
            var current: Class<*>? = type
            while (current != null) {
                if (!Modifier.isPublic(current.modifiers)) return false
                current = current.enclosingClass
            }
            return true
        }

        fun isVisible(member: Member): Boolean = Modifier.isPublic(member.modifiers) || Modifier.isProtected(member.modifiers)

        /** Public or protected, not synthetic or a bridge, and not a Kotlin `internal` member (`name$module`). */
        fun isApi(member: Member): Boolean =
            isVisible(member) && !member.isSynthetic && !(member is Method && member.isBridge) && '$' !in member.name

        fun describe(executable: Executable): String =
            "${executable.declaringClass.name}.${if (executable is Method) executable.name else "<init>"}" +
                executable.parameterTypes.joinToString(", ", "(", ")") { it.simpleName }

        /** The `kotlin.*` and `kotlinx.*` classes [type] mentions, type arguments and bounds included. */
        fun kotlinTypesIn(type: Type, seen: MutableSet<Type> = HashSet()): List<Class<*>> {
            if (!seen.add(type)) return emptyList()
            return when (type) {
                is Class<*> -> if (type.isArray) kotlinTypesIn(type.componentType, seen) else listOf(type).filter(::isKotlinOnly)
                is ParameterizedType -> kotlinTypesIn(type.rawType, seen) + type.actualTypeArguments.flatMap { kotlinTypesIn(it, seen) }
                is WildcardType -> (type.upperBounds + type.lowerBounds).flatMap { kotlinTypesIn(it, seen) }
                is GenericArrayType -> kotlinTypesIn(type.genericComponentType, seen)
                is TypeVariable<*> -> type.bounds.flatMap { kotlinTypesIn(it, seen) }
                else -> emptyList()
            }
        }

        fun isKotlinOnly(type: Class<*>): Boolean = type.name.startsWith("kotlin.") || type.name.startsWith("kotlinx.")
    }
}
