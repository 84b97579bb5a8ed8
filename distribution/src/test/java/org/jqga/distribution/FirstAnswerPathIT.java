package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no longer lies on the path of a new state directory to its open channel (README, "Start-up"): Felix
 * computing the system bundle's exports (the seeded bundle cache gives them), bytecode generated for reflective calls,
 * the JDK's locale data in a guest whose locale names no country, and bundle classes read from their jars because the
 * training had loaded them without linking them.
 */
class FirstAnswerPathIT {

    @TempDir
    Path scratch;

    @Test
    void aSeededStartTakesItsExportsAndLinkedClassesFromTheTrainingAndGeneratesNothing() throws Exception {
        Path classLog = scratch.resolve("classes.log");
        try {
            Path record;
            try (AgentProcess agent = AgentProcess.jqgaFromShell("export LANG=C.UTF-8 LC_ALL=C.UTF-8"
                    + " JQGA_EXTRA_JAVA_OPTS=-Xlog:class+load=info:file=" + classLog);
                 QgaClient client = agent.connect()) {
                assertTrue(client.request("{\"execute\":\"guest-ping\"}").contains("\"return\""));
                record = agent.directory().resolve("state/jqga/felix-cache/jqga.system-packages");
                assertTrue(Files.isRegularFile(record), "no system packages record in the seeded cache");
            }
            // what was loaded until the channel opened: the log goes on with the second start level, whose bundles
            // may well make reflection accessors of their own (jnr calls some methods thousands of times)
            List<String> all = Files.readAllLines(classLog);
            int channel = indexOf(all, " org.jqga.transport.virtio.internal.ChannelService ");
            List<String> classes = all.subList(0, channel);

            // only Felix's computing of the exports makes a class parser
            assertLoadedNot(classes, " org.apache.felix.framework.util.ClassParser ");
            assertLoadedNot(classes, " jdk.internal.reflect.GeneratedMethodAccessor");
            assertLoadedNot(classes, " sun.util.locale.provider.LocaleProviderAdapter ");
            // loaded by the training, but linked only because it links what the first answer loaded
            String nullNode = classes.stream()
                    .filter(line -> line.contains(" com.fasterxml.jackson.databind.node.NullNode "))
                    .findFirst().orElseThrow(() -> new AssertionError("Jackson's NullNode was never loaded"));
            assertTrue(nullNode.contains("source: shared objects file (top)"), nullNode);
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    private static int indexOf(List<String> classes, String name) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).contains(name)) {
                return i;
            }
        }
        throw new AssertionError(name.trim() + " was never loaded");
    }

    private static void assertLoadedNot(List<String> classes, String name) {
        assertTrue(classes.stream().noneMatch(line -> line.contains(name)),
                () -> name.trim() + " was loaded: " + classes.stream().filter(line -> line.contains(name)).toList());
    }
}
