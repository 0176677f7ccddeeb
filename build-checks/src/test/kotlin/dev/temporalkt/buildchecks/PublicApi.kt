package dev.temporalkt.buildchecks

import java.nio.file.Path
import kotlin.io.path.createDirectories
import kotlin.io.path.exists
import kotlin.io.path.readText
import kotlin.io.path.relativeTo
import kotlin.io.path.writeText

/** The committed API dump of a module, `<module>/api/<artifactId>.api`, and its comparison with the built classes. */
object PublicApi {
    /** Rewrites the dumps; `-DskipTests` keeps the other modules' tests from running, the checks run anyway. */
    const val UPDATE_COMMAND = "mvn -B -pl build-checks -am verify -DskipTests -Dapi.update=true"

    fun dumpFile(module: Module): Path = module.directory.resolve("api/${module.artifactId}.api")

    /** The dump of [module]'s current classes, with a header saying where it comes from. */
    fun dump(module: Module, root: Path): String =
        "# Public API of ${module.artifactId}, from ${module.classesDirectory.relativeTo(root)}; generated, do not edit.\n" +
            "# The build fails when the classes differ; to accept a change: $UPDATE_COMMAND\n\n" +
            ApiDump.render(module.classFiles().map(ClassFile::read))

    /**
     * The failure message when [actual] differs from the [committed] dump (null: the file does not exist), or null
     * when they are equal. [file] and [classes] are the paths the message shows.
     */
    fun compare(module: String, file: String, classes: String, committed: String?, actual: String): String? {
        if (committed == null) {
            return "Module $module has no API dump $file. Create it, check that it lists only what is meant to be " +
                "public API, and commit it:\n  $UPDATE_COMMAND"
        }
        val normalized = committed.replace("\r\n", "\n")
        if (normalized == actual) return null
        return "The public API of module $module differs from $file (- committed, + built now):\n" +
            LineDiff.unified(normalized, actual, file, classes) +
            "If the change is deliberate, rewrite the dump and commit it with the change:\n  $UPDATE_COMMAND\n" +
            "Otherwise restore the API, or mark what is not API: `internal`, a package named internal, or " +
            "@InternalTemporalApi."
    }

    /** Compares [module]'s dump with the committed file, or with [update] rewrites the file; returns the failure. */
    fun check(module: Module, root: Path, update: Boolean): String? {
        val file = dumpFile(module)
        val actual = dump(module, root)
        if (update) {
            file.parent.createDirectories()
            if (!file.exists() || file.readText() != actual) file.writeText(actual)
            return null
        }
        return compare(
            module.name,
            file.relativeTo(root).toString(),
            module.classesDirectory.relativeTo(root).toString(),
            if (file.exists()) file.readText() else null,
            actual,
        )
    }
}
