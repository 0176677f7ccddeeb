package dev.temporalkt.worker.internal.deployment

import dev.temporalkt.internal.InternalTemporalApi
import java.io.File
import java.net.URI
import java.security.MessageDigest
import java.util.jar.JarFile

/**
 * The build id a worker derives from its code when [dev.temporalkt.worker.WorkerDeploymentOptions.buildId] is not
 * given: SHA-256 over the bytecode of [classes] and the classes compiled from their bodies and nested declarations
 * (`Outer$...` beside `Outer`, in the same directory or jar), in name order, each preceded by its name; the first 16
 * hex digits, prefixed `sha-`. Deterministic: the same class files give the same id in every JVM and on every machine.
 * Where the classes beside one cannot be listed (a class path that is neither a directory nor a plain jar), only the
 * class's own bytecode counts.
 */
@InternalTemporalApi
public object DerivedBuildId {
    /**
     * The build id of [classes].
     *
     * @throws IllegalStateException when the bytecode of a class cannot be read (a class generated at run time):
     *   give the build id explicitly then.
     */
    public fun of(classes: Collection<Class<*>>): String {
        val files = sortedMapOf<String, ByteArray>()
        for (type in classes.distinct()) files.putAll(classFiles(type))
        val digest = MessageDigest.getInstance("SHA-256")
        for ((name, bytes) in files) {
            digest.update(name.toByteArray())
            digest.update(0)
            digest.update(bytes)
        }
        return "sha-" + digest.digest().take(8).joinToString("") { "%02x".format(it) }
    }

    /** The class file of [type] and of the classes named `Type$...` beside it, by resource name. */
    private fun classFiles(type: Class<*>): Map<String, ByteArray> {
        val resource = type.name.replace('.', '/') + ".class"
        val loader = type.classLoader ?: ClassLoader.getSystemClassLoader()
        val own = loader.getResourceAsStream(resource)?.use { it.readBytes() }
            ?: throw IllegalStateException(
                "cannot read the bytecode of ${type.name} to derive a build id; give WorkerDeploymentOptions.buildId explicitly",
            )
        val files = mutableMapOf(resource to own)
        val prefix = type.name.substringAfterLast('.') + "$"
        val url = loader.getResource(resource) ?: return files
        val dir = resource.substringBeforeLast('/', "")
        try {
            when (url.protocol) {
                "file" -> File(URI(url.toString())).parentFile?.listFiles { f -> f.name.startsWith(prefix) && f.name.endsWith(".class") }
                    ?.forEach { files[if (dir.isEmpty()) it.name else "$dir/${it.name}"] = it.readBytes() }
                "jar" -> {
                    val jarPath = url.path.substringBefore("!/")
                    val entryPrefix = if (dir.isEmpty()) prefix else "$dir/$prefix"
                    JarFile(File(URI(jarPath))).use { jar ->
                        for (entry in jar.entries()) {
                            if (entry.name.startsWith(entryPrefix) && entry.name.endsWith(".class") && '/' !in entry.name.removePrefix("$dir/")) {
                                files[entry.name] = jar.getInputStream(entry).use { it.readBytes() }
                            }
                        }
                    }
                }
            }
        } catch (e: Exception) {
            // a class path this reader does not know (a jar inside a jar): the class's own bytecode only
            return mapOf(resource to own)
        }
        return files
    }
}
