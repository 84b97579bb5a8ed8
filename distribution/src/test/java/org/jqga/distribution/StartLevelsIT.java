package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel opens before the bundles of start level 2 have started (bundle/*.jar declaring Jqga-Start-Level: 2):
 * the host's first requests are answered at once, and a request for a command of a bundle still starting is
 * served once it is there, never refused as unknown. An installation copied from the distribution gets a bundle
 * that holds level 2 up for three seconds, and the example command bundle behind it.
 */
class StartLevelsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theChannelAnswersWhileLevelTwoStartsAndItsCommandsAreWaitedFor() throws Exception {
        Path home = copyOfDistribution(dir.resolve("jqga"));
        writeSlowStartBundle(home.resolve("bundle/aaa-slow-start.jar"));
        Files.write(home.resolve("bundle/zzz-disk-usage.jar"),
                ExampleBundle.withHeaders(Map.of("Bundle-Version", "1.0.0", "Jqga-Start-Level", "2")));
        try (AgentProcess agent = AgentProcess.jqgaInstalledAt(home); QgaClient client = agent.connect()) {
            JsonNode ping = JSON.readTree(client.request("{\"execute\":\"guest-ping\"}"));
            long pinged = System.nanoTime();
            assertEquals("{\"return\":{}}", ping.toString());

            JsonNode usage = JSON.readTree(client.request(ExampleBundle.REQUEST));
            long served = System.nanoTime();
            assertTrue(usage.has("return"), "served once its bundle started, not refused: " + usage);
            long waitedMillis = (served - pinged) / 1_000_000;
            assertTrue(waitedMillis >= SlowStartActivator.DELAY_MILLIS / 2,
                    "guest-ping was answered while level 2 was still starting (the example command came "
                            + waitedMillis + " ms later)");

            JsonNode commands = JSON.readTree(client.request("{\"execute\":\"guest-info\"}"))
                    .path("return").path("supported_commands");
            assertTrue(commands.findValuesAsText("name").contains(ExampleBundle.COMMAND),
                    "guest-info lists level 2's commands: " + commands);
            assertTrue(commands.findValuesAsText("name").contains("guest-file-open"), commands.toString());
        }
    }

    /** The distribution's tree, file modes kept (bin/jqga stays executable); its class-data archives left out. */
    private static Path copyOfDistribution(Path target) throws IOException {
        Path source = AgentProcess.DISTRIBUTION.toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("lib/cds")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static void writeSlowStartBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.slow.start");
        main.putValue("Bundle-Activator", SlowStartActivator.class.getName());
        main.putValue("Import-Package", "org.osgi.framework");
        main.putValue("Jqga-Start-Level", "2");
        String classFile = SlowStartActivator.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = StartLevelsIT.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
