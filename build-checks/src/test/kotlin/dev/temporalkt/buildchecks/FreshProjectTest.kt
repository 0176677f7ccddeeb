package dev.temporalkt.buildchecks

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.copyTo
import kotlin.io.path.createDirectories
import kotlin.io.path.exists
import kotlin.io.path.isDirectory
import kotlin.io.path.readText
import kotlin.io.path.relativeTo
import kotlin.io.path.writeText
import kotlin.streams.asSequence
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * A fresh Maven project of a user (`src/test/resources/fresh-project`) that depends only on the test kit (and JUnit)
 * resolves no `io.temporal` artifact, in any scope, and runs a time-skipping test: the test kit's server comes nested in
 * `temporal-kt-test-server-bundle`, not through Maven dependencies.
 *
 * The reactor's jars (as `mvn verify` packaged them; in a partial build, the installed jars of the modules left out)
 * and poms are laid out as locally installed artifacts in a
 * repository of the project's own under `target/fresh-project/repository`; every other artifact and plugin comes from
 * this build's local repository, read as a `file:` remote (Maven Central only for what that lacks), so the project
 * builds without installing anything.
 */
class FreshProjectTest {
    private val root = Path.of(System.getProperty("buildchecks.rootDir")).toAbsolutePath().normalize()
    private val work = Path.of(System.getProperty("buildchecks.moduleDir")).resolve("target/fresh-project")
    private val version = property("buildchecks.projectVersion")

    @Test
    fun `a project depending only on the test kit has no io_temporal artifact and runs a time-skipping test`() {
        val repository = work.resolve("repository")
        val project = work.resolve("project")
        stageReactorArtifacts(repository)
        copyProject(project)
        val settings = work.resolve("settings.xml").also { it.writeText(settings(repository)) }
        val tree = work.resolve("dependency-tree.txt").also { Files.deleteIfExists(it) }
        val log = work.resolve("mvn.log")

        val exitCode = maven(project, log, "-s", settings.toString(), "dependency:tree", "-DoutputFile=$tree", "test")
        assertEquals(0, exitCode) { "mvn in $project failed; the end of $log:\n${log.readText().lines().takeLast(60).joinToString("\n")}" }

        val treeText = tree.readText()
        assertTrue(treeText.contains("dev.temporalkt:temporal-kt-test-kit:jar:$version:test")) { treeText }
        assertTrue(treeText.lines().none { it.contains("io.temporal") }) { "io.temporal in the dependency tree:\n$treeText" }

        val report = project.resolve("target/surefire-reports/example.ThirtyDaysTest.txt")
        assertTrue(report.exists()) { "no surefire report $report" }
        assertTrue(report.readText().contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")) { report.readText() }
    }

    /**
     * The root README's "Add it to your project" setup (the BOM imported, the Kotlin plugin with kotlinx-serialization)
     * plus kotest-assertions-core, declared first, whose older kotlinx-coroutines and Kotlin stdlib would win by Maven's
     * nearest-wins rule without the BOM: the BOM keeps the versions temporal-kt was built with, and a workflow runs.
     */
    @Test
    fun `a project set up as the README says, with kotest-assertions-core, gets the SDK's Kotlin versions and runs a workflow`() {
        val repository = work.resolve("repository")
        val project = work.resolve("project-bom")
        stageReactorArtifacts(repository)
        copyProject(project, "fresh-project-bom")
        val settings = work.resolve("settings.xml").also { it.writeText(settings(repository)) }
        val tree = work.resolve("dependency-tree-bom.txt").also { Files.deleteIfExists(it) }
        val log = work.resolve("mvn-bom.log")

        val exitCode = maven(project, log, "-s", settings.toString(), "dependency:tree", "-DoutputFile=$tree", "test")
        assertEquals(0, exitCode) { "mvn in $project failed; the end of $log:\n${log.readText().lines().takeLast(60).joinToString("\n")}" }

        val treeText = tree.readText()
        val coroutines = property("buildchecks.coroutinesVersion")
        val kotlin = property("buildchecks.kotlinVersion")
        assertTrue(treeText.contains("org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm:jar:$coroutines:")) { treeText }
        assertTrue(treeText.contains("org.jetbrains.kotlin:kotlin-stdlib:jar:$kotlin:")) { treeText }
        assertTrue(Regex("kotlinx-coroutines-core-jvm:jar:(?!$coroutines:)").find(treeText) == null) { treeText }

        val report = project.resolve("target/surefire-reports/example.GreetingTest.txt")
        assertTrue(report.exists()) { "no surefire report $report" }
        assertTrue(report.readText().contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")) { report.readText() }
        assertTrue(!log.readText().contains("older than")) { "the worker warned about versions:\n${log.readText()}" }
    }

    @Test
    fun `the BOM pins the versions of the parent pom`() {
        val bom = root.resolve("bom/pom.xml").readText()
        fun bomProperty(name: String) = Regex("<$name>([^<]+)</$name>").find(bom)?.groupValues?.get(1)
        assertEquals(version, bomProperty("temporalkt.version"))
        assertEquals(property("buildchecks.kotlinVersion"), bomProperty("kotlin.version"))
        assertEquals(property("buildchecks.coroutinesVersion"), bomProperty("coroutines.version"))
        assertEquals(property("buildchecks.serializationVersion"), bomProperty("serialization.version"))
        assertTrue(bom.contains("<version>$version</version>")) { "bom/pom.xml's own version is not $version" }
    }

    /** The parent pom and every reactor module's pom and jar, as if `mvn install` had put them in [repository]. */
    private fun stageReactorArtifacts(repository: Path) {
        val ours = repository.resolve("dev/temporalkt")
        if (ours.exists()) ours.toFile().deleteRecursively()
        install(repository, "temporal-kt-parent", root.resolve("pom.xml"), null)
        install(repository, "temporal-kt-bom", root.resolve("bom/pom.xml"), null)
        val installed = Path.of(property("buildchecks.localRepository")).resolve("dev/temporalkt")
        for (module in ReactorModules(root, skip = emptySet(), generated = emptySet()).all) {
            // the jar this build packaged; a module left out of a partial build (-pl) comes as last installed
            val jar = listOf(
                module.directory.resolve("target/${module.artifactId}-$version.jar"),
                installed.resolve("${module.artifactId}/$version/${module.artifactId}-$version.jar"),
            ).firstOrNull { it.exists() }
            if (jar != null) install(repository, module.artifactId, module.directory.resolve("pom.xml"), jar)
        }
        for (needed in listOf("temporal-kt-test-kit", "temporal-kt-test-server-bundle")) {
            assertTrue(ours.resolve("$needed/$version/$needed-$version.jar").exists()) {
                "$needed-$version.jar is not packaged: run the build-checks through `mvn verify` of the whole reactor"
            }
        }
    }

    private fun install(repository: Path, artifactId: String, pom: Path, jar: Path?) {
        val directory = repository.resolve("dev/temporalkt/$artifactId/$version").createDirectories()
        pom.copyTo(directory.resolve("$artifactId-$version.pom"), overwrite = true)
        jar?.copyTo(directory.resolve("$artifactId-$version.jar"), overwrite = true)
    }

    private fun copyProject(project: Path, name: String = "fresh-project") {
        if (project.exists()) project.toFile().deleteRecursively()
        val template = Path.of(javaClass.getResource("/$name/pom.xml")!!.toURI()).parent
        Files.walk(template).use { paths ->
            for (source in paths.asSequence().filter { !it.isDirectory() }) {
                val target = project.resolve(source.relativeTo(template).toString()).also { it.parent.createDirectories() }
                target.writeText(
                    source.readText()
                        .replace("@temporalkt.version@", version)
                        .replace("@junit.version@", property("buildchecks.junitVersion"))
                        .replace("@surefire.version@", property("buildchecks.surefireVersion"))
                        .replace("@kotlin.version@", property("buildchecks.kotlinVersion"))
                        .replace("@kotest.version@", property("buildchecks.kotestVersion")),
                )
            }
        }
    }

    /**
     * Settings whose first repository is this build's local repository, read as a remote one; Maven Central comes
     * second, for what this build did not need itself (a release the project's graph names without choosing it).
     */
    private fun settings(repository: Path): String {
        val cache = Path.of(property("buildchecks.localRepository")).toUri()
        fun repositoryXml(id: String, url: String) = """
            <id>$id</id>
            <url>$url</url>
            <releases><enabled>true</enabled><updatePolicy>never</updatePolicy><checksumPolicy>ignore</checksumPolicy></releases>
            <snapshots><enabled>${id == "central"}</enabled><updatePolicy>never</updatePolicy><checksumPolicy>ignore</checksumPolicy></snapshots>
        """
        val repositories = listOf(repositoryXml("central", cache.toString()), repositoryXml("maven-central", "https://repo.maven.apache.org/maven2"))
        return """
            <settings>
              <localRepository>$repository</localRepository>
              <profiles>
                <profile>
                  <id>this-build</id>
                  <repositories>${repositories.joinToString("") { "<repository>$it</repository>" }}</repositories>
                  <pluginRepositories>${repositories.joinToString("") { "<pluginRepository>$it</pluginRepository>" }}</pluginRepositories>
                </profile>
              </profiles>
              <activeProfiles><activeProfile>this-build</activeProfile></activeProfiles>
            </settings>
        """.trimIndent()
    }

    private fun maven(directory: Path, log: Path, vararg arguments: String): Int {
        val process = ProcessBuilder(listOf("mvn", "-B", "--no-transfer-progress") + arguments)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(java.io.File("/dev/null")))
            .start()
        // a bound so that a hung build fails the check instead of the whole CI run
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
            error("mvn did not finish within 10 minutes; see $log")
        }
        return process.exitValue()
    }

    private fun property(name: String): String =
        System.getProperty(name) ?: error("System property $name is not set; run the checks through Maven")
}
