import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * Build step of the api module: derives the Temporal gRPC API from the descriptors embedded in the
 * published io.temporal artifacts and generates our own relocated classes from them.
 *
 * <ol>
 *   <li>Every {@code io/temporal/api/**}{@code /*Proto} outer class on the classpath (the Cloud ops API excepted)
 *       is loaded and asked for its {@link FileDescriptor}; the closure over their imports is collected.</li>
 *   <li>Each Temporal file's {@code java_package} is moved from {@code io.temporal.} to {@code dev.temporalkt.}
 *       so the generated classes never clash with the official Java SDK in the same JVM. Google's files keep
 *       their packages: their classes come from protobuf-java and proto-google-common-protos.</li>
 *   <li>The result is written as a {@code FileDescriptorSet} and handed to {@code protoc} with
 *       {@code --descriptor_set_in}: Java messages, Kotlin DSL, grpc-java and grpc-kotlin stubs.</li>
 * </ol>
 *
 * Run by exec-maven-plugin with the module's test classpath (where the io.temporal artifacts live) as
 * {@code java -cp ... GenerateTemporalApi.java --tools=DIR --classifier=OS-ARCH --out=DIR}.
 * The output is reused when the descriptor set has not changed.
 */
public class GenerateTemporalApi {
    private static final String SOURCE_PREFIX = "io.temporal.";
    private static final String TARGET_PREFIX = "dev.temporalkt.";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("expected --name=value, got " + arg);
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path tools = Path.of(require(options, "tools"));
        String classifier = require(options, "classifier");
        Path out = Path.of(require(options, "out"));

        Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        for (String className : outerClasses()) {
            FileDescriptor fd = (FileDescriptor) Class.forName(className).getMethod("getDescriptor").invoke(null);
            collect(fd, files);
        }
        List<String> toGenerate = new ArrayList<>();
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        for (FileDescriptorProto file : files.values()) {
            FileDescriptorProto.Builder builder = file.toBuilder();
            if (!file.getName().startsWith("google/")) {
                builder.getOptionsBuilder().setJavaPackage(relocate(file));
                toGenerate.add(file.getName());
            }
            set.addFile(builder.build());
        }
        byte[] descriptorBytes = set.build().toByteArray();

        Path descriptorFile = out.resolve("temporal-api.desc");
        if (Files.exists(descriptorFile) && java.util.Arrays.equals(Files.readAllBytes(descriptorFile), descriptorBytes)
                && Files.isDirectory(out.resolve("java"))) {
            System.out.println("Temporal API unchanged (" + toGenerate.size() + " files); generated sources reused");
            return;
        }
        deleteRecursively(out);
        Path javaOut = Files.createDirectories(out.resolve("java"));
        Path kotlinOut = Files.createDirectories(out.resolve("kotlin"));
        Path staging = Files.createDirectories(out.resolve("staging"));
        Path stagedDescriptors = staging.resolve("temporal-api.desc");
        Files.write(stagedDescriptors, descriptorBytes);

        Path protoc = executable(tools.resolve("protoc-" + classifier + ".exe"));
        Path grpcJava = executable(tools.resolve("protoc-gen-grpc-java-" + classifier + ".exe"));
        Path grpcKotlin = kotlinPluginLauncher(tools.resolve("protoc-gen-grpc-kotlin-jdk8.jar"), staging);

        List<String> command = new ArrayList<>(List.of(
                protoc.toString(),
                "--descriptor_set_in=" + stagedDescriptors,
                "--plugin=protoc-gen-grpc-java=" + grpcJava,
                "--plugin=protoc-gen-grpc-kotlin=" + grpcKotlin,
                "--java_out=" + javaOut,
                "--kotlin_out=" + kotlinOut,
                "--grpc-java_out=" + javaOut,
                "--grpc-kotlin_out=" + kotlinOut));
        command.addAll(toGenerate);
        Process process = new ProcessBuilder(command).inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) throw new IllegalStateException("protoc exited with " + exit + ": " + String.join(" ", command));
        // Written last: its presence means the generated sources are complete.
        Files.move(stagedDescriptors, descriptorFile, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Generated the Temporal API from " + toGenerate.size() + " descriptor files into " + out);
    }

    /**
     * {@code io.temporal.x} becomes {@code dev.temporalkt.x}; a file without a Java package of Temporal's
     * (such as the Nexus annotations the service imports) goes under {@code dev.temporalkt.} plus its own package.
     */
    private static String relocate(FileDescriptorProto file) {
        String javaPackage = file.getOptions().getJavaPackage();
        if (javaPackage.startsWith(SOURCE_PREFIX)) return TARGET_PREFIX + javaPackage.substring(SOURCE_PREFIX.length());
        return TARGET_PREFIX + (javaPackage.isEmpty() ? file.getPackage() : javaPackage);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw new IllegalArgumentException("missing --" + name + "=...");
        return value;
    }

    /** Outer classes of the Temporal API files found in the jars of the classpath, sorted for a stable output. */
    private static TreeSet<String> outerClasses() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) continue;
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("io/temporal/api/") && !n.startsWith("io/temporal/api/cloud/"))
                        .filter(n -> n.endsWith("Proto.class") && !n.contains("$"))
                        .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
            }
        }
        if (names.isEmpty()) throw new IllegalStateException("no io.temporal.api descriptor classes on the classpath");
        return names;
    }

    /** Adds {@code fd} after all of its imports, so the set is in dependency order. */
    private static void collect(FileDescriptor fd, Map<String, FileDescriptorProto> files) {
        if (files.containsKey(fd.getName())) return;
        for (FileDescriptor dependency : fd.getDependencies()) collect(dependency, files);
        files.put(fd.getName(), fd.toProto());
    }

    private static Path executable(Path file) {
        if (!Files.exists(file)) throw new IllegalStateException("missing code generator " + file);
        if (!file.toFile().setExecutable(true)) throw new IllegalStateException("cannot make " + file + " executable");
        return file;
    }

    /** protoc runs plugins as executables; the grpc-kotlin generator ships as a jar, so give it a launcher. */
    private static Path kotlinPluginLauncher(Path jar, Path dir) throws IOException {
        if (!Files.exists(jar)) throw new IllegalStateException("missing code generator " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path launcher = dir.resolve("protoc-gen-grpc-kotlin");
        try (OutputStream os = Files.newOutputStream(launcher)) {
            os.write(("#!/bin/sh\nexec '" + java + "' -jar '" + jar + "' \"$@\"\n").getBytes());
        }
        return executable(launcher);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
