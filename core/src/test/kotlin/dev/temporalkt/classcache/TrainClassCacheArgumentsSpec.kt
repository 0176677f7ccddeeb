package dev.temporalkt.classcache

import dev.temporalkt.classcache.internal.ClasspathCheck
import dev.temporalkt.classcache.internal.TrainingArguments
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Path
import java.time.Duration

/** The command line of [TrainClassCache] and the flags of [ClassCacheFlags], without starting a JVM. */
class TrainClassCacheArgumentsSpec : FunSpec({
    test("the options before '--' are the command's, everything after is the worker's java command") {
        val parsed = TrainingArguments.parse(
            listOf("--output", "w.jsa", "--workload", "temporal workflow execute --type A", "--timeout", "30", "--", "-Xmx1g", "-cp", "app.jar", "com.example.Main", "--output", "x"),
        )
        parsed.output shouldBe Path.of("w.jsa")
        parsed.workload shouldBe "temporal workflow execute --type A"
        parsed.timeout shouldBe Duration.ofSeconds(30)
        parsed.runFor shouldBe null
        parsed.workerCommand shouldBe listOf("-Xmx1g", "-cp", "app.jar", "com.example.Main", "--output", "x")
    }

    test("a wrong command line is refused with what is wrong") {
        shouldThrow<IllegalArgumentException> { TrainingArguments.parse(listOf("--output", "w.jsa", "-cp", "app.jar", "Main")) }.message shouldBe
            "unknown option '-cp'"
        shouldThrow<IllegalArgumentException> { TrainingArguments.parse(listOf("--output", "w.jsa")) }.message shouldBe
            "the worker's java arguments are missing: put them after '--' (for example -- -cp app.jar com.example.WorkerMain)"
        shouldThrow<IllegalArgumentException> { TrainingArguments.parse(listOf("--", "-cp", "app.jar", "Main")) }.message shouldBe
            "--output FILE is required: where to write the class cache"
        shouldThrow<IllegalArgumentException> { TrainingArguments.parse(listOf("--output", "w.jsa", "--run-for", "0", "--", "Main")) }.message shouldBe
            "--run-for takes a whole number of seconds above 0, not '0'"
        shouldThrow<IllegalArgumentException> { TrainingArguments.parse(listOf("--output", "w.jsa", "--workload", "x", "--run-for", "5", "--", "Main")) }.message shouldBe
            "give --workload or --run-for, not both"
    }

    test("train refuses a wrong command line before starting anything") {
        val out = ByteArrayOutputStream()
        shouldThrow<IllegalArgumentException> { TrainClassCache.train(listOf("--output"), PrintStream(out)) }.message shouldBe "--output needs a value"
        out.size() shouldBe 0
    }

    test("the classpath entries are read from -cp, -classpath, --class-path and -jar, not from the program's arguments") {
        ClasspathCheck.entries(listOf("-Xmx1g", "-cp", "a.jar:b.jar", "Main", "-cp", "c.jar")) shouldBe listOf("a.jar", "b.jar")
        ClasspathCheck.entries(listOf("--class-path=a.jar", "Main")) shouldBe listOf("a.jar")
        ClasspathCheck.entries(listOf("-classpath", "lib/*", "Main")) shouldBe listOf("lib/*")
        ClasspathCheck.entries(listOf("-jar", "app.jar", "arg")) shouldBe listOf("app.jar")
    }

    test("JDK 17 to 24 record and use an AppCDS archive, JDK 25 and later the AOT cache; below 17 is refused") {
        val file = Path.of("w.cache").toAbsolutePath()
        ClassCacheFlags.forJdk(17, file).record shouldBe listOf("-XX:ArchiveClassesAtExit=$file")
        ClassCacheFlags.forJdk(24, file).use shouldBe listOf("-XX:SharedArchiveFile=$file")
        ClassCacheFlags.forJdk(25, file).record shouldBe listOf("-XX:AOTCacheOutput=$file")
        ClassCacheFlags.forJdk(25, file).use shouldBe listOf("-XX:AOTCache=$file")
        ClassCacheFlags.forJdk(25, file).isAotCache shouldBe true
        shouldThrow<IllegalArgumentException> { ClassCacheFlags.forJdk(11, file) }.message shouldBe
            "class caches need JDK 17 or later (temporal-kt's minimum); this JDK is 11"
    }
})
