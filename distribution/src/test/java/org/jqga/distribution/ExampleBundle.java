package org.jqga.distribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The example command bundle of examples/disk-usage, in any version, dropped into a deploy folder as admins do. */
final class ExampleBundle {

    static final String COMMAND = "__com.example_disk-usage";
    static final String SYMBOLIC_NAME = "com.example.diskusage";
    static final String REQUEST = "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"/\"}}";
    static final String NOT_FOUND = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + COMMAND
            + " has not been found\"}}";

    private ExampleBundle() {
    }

    /** The bundle as built in examples/disk-usage (or named by -Djqga.example.jar), with Bundle-Version set. */
    static byte[] withVersion(String version) throws IOException {
        return withHeaders(Map.of("Bundle-Version", version));
    }

    /** The bundle as built, with these manifest headers set. */
    static byte[] withHeaders(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(builtJar())))) {
            Manifest manifest = new Manifest(in.getManifest());
            headers.forEach(manifest.getMainAttributes()::putValue);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Written beside the folder, then renamed in: the way the README tells admins to do it. */
    static long dropAtomically(Path deploy, byte[] jar) throws IOException {
        Path staged = deploy.resolveSibling("disk-usage.jar.staged");
        Files.write(staged, jar);
        Files.move(staged, deploy.resolve("disk-usage.jar"), StandardCopyOption.ATOMIC_MOVE);
        return System.nanoTime();
    }

    private static Path builtJar() throws IOException {
        String configured = System.getProperty("jqga.example.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> jars = Files.list(Path.of("../examples/disk-usage/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("jqga-example-disk-usage-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("build examples/disk-usage first"));
        }
    }
}
