package dev.temporalkt.classcache.internal

import java.io.File
import java.nio.file.Files
import java.nio.file.Path

/** Class-data sharing archives only classes loaded from jar files: rejects a worker command with a class directory. */
internal object ClasspathCheck {
    private val CLASSPATH_OPTIONS = setOf("-cp", "-classpath", "--class-path")

    /** The classpath entries that [command] (java arguments) names with `-cp`/`-classpath`/`--class-path`/`-jar`. */
    fun entries(command: List<String>): List<String> {
        val entries = mutableListOf<String>()
        var i = 0
        while (i < command.size) {
            val arg = command[i]
            when {
                arg in CLASSPATH_OPTIONS -> command.getOrNull(++i)?.let { entries += it.split(File.pathSeparatorChar).filter(String::isNotEmpty) }
                arg.startsWith("--class-path=") -> entries += arg.substringAfter('=').split(File.pathSeparatorChar).filter(String::isNotEmpty)
                arg == "-jar" -> command.getOrNull(++i)?.let { entries += it }
                !arg.startsWith("-") -> return entries // the main class: what follows are the program's own arguments
            }
            i++
        }
        return entries
    }

    fun requireJars(command: List<String>) {
        val directories = entries(command).filter { !it.endsWith("*") && Files.isDirectory(Path.of(it)) }
        require(directories.isEmpty()) {
            "the worker's classpath has class directories (${directories.joinToString()}): class-data sharing only " +
                "archives classes loaded from jar files, so package them into a jar (mvn package, gradle jar) and put the jar on the classpath"
        }
    }
}
