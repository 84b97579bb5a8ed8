package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * qemu-ga's CVE-2013-2007 was a umask bug: files the agent wrote for itself were world-writable. Every file jqga
 * creates for itself (log, pid file, audit trail, state file, bundle cache) must be writable by its owner only,
 * whatever umask it was started with; the files a host creates through guest-file-open get 0666, as qemu-ga's do.
 */
class FileModesIT {

    @Test
    void filesTheAgentCreatesForItselfAreWritableByItsOwnerOnlyUnderAnyUmask() throws Exception {
        Path scratch = Files.createTempDirectory("jqga-modes");
        Path log = scratch.resolve("jqga.log");
        Path pidfile = scratch.resolve("jqga.pid");
        Path audit = scratch.resolve("audit.jsonl");
        // a careless init system's umask: anything the agent does not set explicitly comes out world-writable
        try (AgentProcess agent = AgentProcess.jqgaWithUmask("000", "-l", log.toString(), "-f", pidfile.toString(),
                "--audit-log=" + audit);
             QgaClient client = agent.connect()) {
            Path hostFile = scratch.resolve("from-the-host");
            String open = client.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + hostFile
                    + "\",\"mode\":\"w\"}}");
            assertTrue(open.startsWith("{\"return\": "), open);
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostFile)),
                    "guest-file-open creates 0666 files, as qemu-ga 7.2 does");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!(Files.exists(audit) && Files.exists(pidfile)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            List<Path> own = new ArrayList<>(List.of(log, pidfile, audit));
            try (Stream<Path> state = Files.walk(agent.directory().resolve("state"))) {
                state.forEach(own::add);
            }
            assertTrue(own.stream().anyMatch(p -> p.getFileName().toString().equals("qga.state")), own.toString());
            List<String> writableByOthers = new ArrayList<>();
            for (Path path : own) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                    writableByOthers.add(path + " " + PosixFilePermissions.toString(mode));
                }
            }
            assertEquals(List.of(), writableByOthers);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
