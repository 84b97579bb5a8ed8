package org.jqga.distribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The example command bundle (examples/disk-usage) the deploy tests install, in versions of their choosing. */
final class ExampleBundle {

    static final String COMMAND = "__com.example_disk-usage";
    static final String SYMBOLIC_NAME = "com.example.diskusage";

    private ExampleBundle() {
    }

    /** The example bundle as built in examples/disk-usage (or named by -Djqga.example.jar). */
    static Path jar() throws IOException {
        String configured = System.getProperty("jqga.example.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        Path target = Path.of("../examples/disk-usage/target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().matches("jqga-example-disk-usage-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("build examples/disk-usage first"));
        }
    }

    /** {@code jar} with its Bundle-Version set to {@code version}. */
    static byte[] withVersion(byte[] jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
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
}
