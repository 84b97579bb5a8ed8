package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deploy folder of the real agent (bin/jqga --deploy-dir): the example command bundle dropped in answers, is
 * updated in place while the host stays connected, and is gone once its file is; a folder others can write is
 * refused. Prints how long a dropped file takes to answer.
 */
class DeployFolderIT {

    private static final String COMMAND = ExampleBundle.COMMAND;
    private static final String NOT_FOUND = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + COMMAND
            + " has not been found\"}}";

    private final ObjectMapper json = new ObjectMapper();

    /** Written beside the folder, then renamed in: the way the README tells admins to do it. */
    private static long dropAtomically(Path deploy, byte[] jar) throws IOException {
        Path staged = deploy.resolveSibling("disk-usage.jar.staged");
        Files.write(staged, jar);
        Files.move(staged, deploy.resolve("disk-usage.jar"), StandardCopyOption.ATOMIC_MOVE);
        return System.nanoTime();
    }

    private static void await(String what, long timeoutMillis, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aDroppedBundleAnswersIsUpdatedInPlaceAndGoesWithItsFile() throws Exception {
        Path scratch = Files.createTempDirectory("jqga-deploy-e2e");
        Path deploy = Files.createDirectory(scratch.resolve("deploy"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        byte[] example = Files.readAllBytes(ExampleBundle.jar());
        String request = "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"/\"}}";
        // -v: the deploy lines are INFO, and the update is seen in the log (bundle versions are admin-only over the wire)
        try (AgentProcess agent = AgentProcess.jqga("-v", "--deploy-dir=" + deploy);
             QgaClient client = agent.connect()) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals(NOT_FOUND, client.request(request), "a name never registered is answered at once");

            long landed = dropAtomically(deploy, ExampleBundle.withVersion(example, "1.0.0"));
            String reply;
            do {
                reply = client.request(request);
            } while (reply.equals(NOT_FOUND) && System.nanoTime() - landed < 30_000_000_000L);
            long firstAnswer = System.nanoTime();
            JsonNode usage = json.readTree(reply).get("return");
            assertTrue(usage != null && usage.get("total-bytes").asLong() > 0, reply);
            System.out.printf("DeployFolderIT: file landing -> first answer: %d ms%n", (firstAnswer - landed) / 1_000_000);

            JsonNode info = json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return");
            boolean listedEnabled = false;
            for (JsonNode command : info.get("supported_commands")) {
                listedEnabled |= command.get("name").asText().equals(COMMAND) && command.get("enabled").asBoolean();
            }
            assertTrue(listedEnabled, "guest-info lists the custom command, enabled");

            // update while the host keeps asking: every request is answered by one version or the other
            long updated = dropAtomically(deploy, ExampleBundle.withVersion(example, "1.0.1"));
            int answered = 0;
            while (!agent.output().contains("com.example.diskusage 1.0.1 (bundle")) {
                String during = client.request(request);
                assertTrue(during.startsWith("{\"return\": {"), "during the update: " + during);
                answered++;
                assertTrue(System.nanoTime() - updated < 30_000_000_000L, () -> "update applied:\n" + agent.output());
            }
            System.out.printf("DeployFolderIT: update applied after %d ms, %d requests answered meanwhile%n",
                    (System.nanoTime() - updated) / 1_000_000, answered);
            assertTrue(client.request(request).startsWith("{\"return\": {"));
            assertTrue(agent.output().contains("was 1.0.0"), agent.output());

            Files.delete(deploy.resolve("disk-usage.jar"));
            await("the command gone with its file", 30_000, () -> client.request(request).equals(NOT_FOUND));
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"), "the channel stayed up");

            // a folder anyone can write is refused: nothing dropped there runs
            Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxrwxrwx"));
            dropAtomically(deploy, ExampleBundle.withVersion(example, "1.0.2"));
            await("the refusal logged", 30_000, () -> agent.output().contains("deploy folder refused"));
            Thread.sleep(1_000);
            assertEquals(NOT_FOUND, client.request(request));
            assertTrue(agent.output().contains("is writable by group or others"), agent.output());
            assertTrue(agent.isAlive());
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
