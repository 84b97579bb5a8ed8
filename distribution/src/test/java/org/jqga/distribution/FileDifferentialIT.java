package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * guest-file-* against Debian's qemu-ga 7.2: one scripted session (opens, reads, writes, seeks, every
 * error of spec §6.4) run by each agent on an identical scratch tree at the same path, and the replies
 * compared one by one. Both agents start with a fresh statedir, so their handles count alike from 1000.
 */
class FileDifferentialIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TREE = Path.of(System.getProperty("java.io.tmpdir"), "jqga-file-differential");

    private static List<String> script() {
        String dir = TREE.toString();
        String text = dir + "/text.txt";
        String created = dir + "/created.bin";
        String appended = dir + "/appended.txt";
        String large = dir + "/large.bin";
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String allB64 = Base64.getEncoder().encodeToString(all);
        byte[] bigBytes = new byte[300_001];
        new java.util.Random(8).nextBytes(bigBytes);
        String bigPadded = Base64.getEncoder().encodeToString(bigBytes);
        String big = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bigBytes, 300_000));
        return List.of(
                open(dir + "/missing.txt", "r"),
                open(text, "x"),
                open(text, "rw"),
                open(dir, "w"),
                open(text, null),                                       // 1000
                read(1000, 0), read(1000, 5), read(1000, 100), read(1000, 100),
                seek(1000, 0, "0"), read(1000, 11),
                seek(1000, -2, "\"end\""), read(1000, null),
                seek(1000, 3, "\"cur\""), seek(1000, 0, "5"), seek(1000, 0, "\"bogus\""), seek(1000, 0, "null"),
                seek(1000, 0, "1.5"), seek(1000, -100, "\"set\""),
                read(1000, -1), read(1000, 50331649),
                write(1000, "aGk=", null), "{\"execute\":\"guest-file-flush\",\"arguments\":{\"handle\":1000}}",
                close(1000), close(1000), read(1000, 1), seek(1000, 0, "0"), write(1000, "aGk=", null),
                "{\"execute\":\"guest-file-flush\",\"arguments\":{\"handle\":1000}}",
                open(created, "w"),                                     // 1001
                write(1001, "aGVsbG8", null), write(1001, "***", null), write(1001, "aGk=", 10L), write(1001, "aGk=", 1L),
                write(1001, "aGk=", -1L), write(1001, allB64, null), close(1001),
                open(created, "rb"),                                    // 1002
                read(1002, 300), read(1002, 300), close(1002),
                open(appended, "a+"),                                   // 1003
                write(1003, "Zm9v", null), seek(1003, 0, "\"set\""), read(1003, 10), close(1003),
                open("/dev/null", "r+"),                                // 1004
                read(1004, 10), write(1004, "AAAA", null), close(1004),
                // from 1 MiB jqga reads a regular file while the reply is sent: same counts, bytes and eof
                open(large, "r"),                                       // 1005
                read(1005, 1 << 20), read(1005, (1 << 20) + 1), read(1005, 1 << 20), read(1005, 1 << 20),
                seek(1005, 5, "\"set\""), read(1005, 2 << 20), seek(1005, 0, "\"set\""), read(1005, 3 << 20),
                close(1005),
                open(large, "a"),                                       // 1006
                read(1006, 2 << 20), close(1006),
                open("/proc/version", "r"),                             // 1007: its size says 0
                read(1007, 2 << 20), read(1007, 2 << 20), close(1007),
                // jqga decodes a large write while reading it: text that turns out not to be canonical base64 late,
                // or only at its end, is decoded as qemu-ga decodes it
                open(dir + "/written-large.bin", "w+"),                 // 1008
                write(1008, big, null), write(1008, big.substring(0, 200_000) + "." + big.substring(200_001), null),
                write(1008, big.substring(0, 200_000) + "\\/" + big.substring(200_001), null),
                write(1008, big.substring(0, 200_000) + "\\n" + big.substring(200_000), null),
                write(1008, bigPadded.substring(0, bigPadded.length() - 4) + "QR==", null),
                write(1008, big.substring(0, big.length() - 1), null), write(1008, bigPadded, 5000L),
                seek(1008, 0, "\"set\""), read(1008, 2 << 20), close(1008),
                "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":\"1000\"}}",
                "{\"execute\":\"guest-file-read\",\"arguments\":{}}",
                "{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":99999,\"offset\":0}}",
                "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":99999}}",
                "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + text + "\",\"mode\":1}}",
                "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":99999,\"extra\":1}}");
    }

    private static String open(String path, String mode) {
        return "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + path + "\""
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}}";
    }

    private static String read(long handle, Long count) {
        return "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + (count == null ? "" : ",\"count\":" + count) + "}}";
    }

    private static String read(long handle, int count) {
        return read(handle, (Long) (long) count);
    }

    private static String write(long handle, String b64, Long count) {
        return "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle + ",\"buf-b64\":\"" + b64 + "\""
                + (count == null ? "" : ",\"count\":" + count) + "}}";
    }

    private static String seek(long handle, long offset, String whence) {
        return "{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":" + handle + ",\"offset\":" + offset + ",\"whence\":" + whence + "}}";
    }

    private static String close(long handle) {
        return "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}";
    }

    private static List<JsonNode> run(AgentProcess agent) throws Exception {
        resetTree();
        List<JsonNode> replies = new ArrayList<>();
        try (agent; QgaClient client = agent.connect()) {
            for (String request : script()) {
                replies.add(JSON.readTree(client.request(request)));
            }
        }
        return replies;
    }

    private static void resetTree() throws IOException {
        if (Files.exists(TREE)) {
            try (Stream<Path> files = Files.walk(TREE)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(TREE);
        Files.writeString(TREE.resolve("text.txt"), "hello world");
        byte[] large = new byte[(5 << 19) + 7];
        new java.util.Random(11).nextBytes(large);
        Files.write(TREE.resolve("large.bin"), large);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeTree() throws IOException {
        try (Stream<Path> files = Files.walk(TREE)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void sameRepliesAsQemuGaForEveryFileOperation() throws Exception {
        List<JsonNode> expected = run(AgentProcess.qemuGa());
        List<JsonNode> actual = run(AgentProcess.jqga());
        List<String> script = script();
        for (int i = 0; i < script.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "request " + i + ": " + script.get(i));
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                expected.stream().filter(r -> r.path("return").path("count").asLong() == 300_000).count() >= 2,
                "the large writes reached the file");
        org.junit.jupiter.api.Assertions.assertTrue(
                expected.stream().anyMatch(r -> r.path("return").path("count").asLong() > 1_000_000),
                "and were read back");
    }
}
