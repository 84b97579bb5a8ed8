package org.jqga.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotDeployBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void theSecondVersionDiffersOnlyInItsBundleVersion() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.diskusage");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        Path jar = dir.resolve("b.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("OSGI-INF/c.xml"));
            out.write("<component/>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        byte[] rewritten = HotDeployBenchmark.withVersion(jar, "1.0.0.bench2");
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(rewritten))) {
            assertEquals("1.0.0.bench2", in.getManifest().getMainAttributes().getValue("Bundle-Version"));
            assertEquals("com.example.diskusage", in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            JarEntry entry = in.getNextJarEntry();
            assertEquals("OSGI-INF/c.xml", entry.getName());
            assertEquals("<component/>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theDeploymentIsSeenInTheAgentLogByItsExactVersion() throws IOException {
        Path log = dir.resolve("agent.log");
        Files.writeString(log, "[jqga-deploy] INFO DeployFolder - deployed disk-usage.jar: com.example.diskusage "
                + "1.0.0.bench1 (bundle 23)\n");
        assertTrue(HotDeployBenchmark.logged(log, "1.0.0.bench1"));
        assertFalse(HotDeployBenchmark.logged(log, "1.0.0.bench2"));
        assertFalse(HotDeployBenchmark.logged(log, "1.0.0.bench"));
    }
}
