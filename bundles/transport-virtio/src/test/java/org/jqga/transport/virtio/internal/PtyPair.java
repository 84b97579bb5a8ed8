package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two linked pseudo terminals made by socat: bytes written to one come out of the other. The agent
 * side stands in for the virtio-serial port or the serial line, the host side for the host.
 */
final class PtyPair implements AutoCloseable {

    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Pattern PTY_LINE = Pattern.compile("PTY is (\\S+)");

    private final Process socat;
    final Path agentSide;
    final Path hostSide;

    private PtyPair(Process socat, Path agentSide, Path hostSide) {
        this.socat = socat;
        this.agentSide = agentSide;
        this.hostSide = hostSide;
    }

    /** @param agentLink if not null, socat makes this symlink to the agent side (it appears when ready) */
    static PtyPair start(Path agentLink) throws Exception {
        assertTrue(Files.isExecutable(SOCAT), "these tests need " + SOCAT + " (apt-get install socat)");
        String agentAddress = "pty,raw,echo=0" + (agentLink == null ? "" : ",link=" + agentLink);
        Process socat = new ProcessBuilder(SOCAT.toString(), "-d", "-d", agentAddress, "pty,raw,echo=0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<List<Path>> ptys = CompletableFuture.supplyAsync(() -> readPtyNames(socat));
        List<Path> names = ptys.get(10, TimeUnit.SECONDS);
        return new PtyPair(socat, names.get(0), names.get(1));
    }

    /** Makes the agent side's reads return 0 bytes (EOF to Java) at once while no data is there. */
    void agentSideReadsReturnEofWhenIdle() throws IOException {
        SerialLineSetup.stty(agentSide, "min", "0", "time", "0");
    }

    /** Ends socat: the agent side is hung up. */
    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor();
        }
    }

    private static List<Path> readPtyNames(Process socat) {
        List<Path> names = new ArrayList<>();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            while (names.size() < 2 && (line = log.readLine()) != null) {
                Matcher matcher = PTY_LINE.matcher(line);
                if (matcher.find()) {
                    names.add(Path.of(matcher.group(1)));
                }
            }
            // keep draining socat's log so that it never blocks on a full pipe
            Thread drain = new Thread(() -> {
                try {
                    log.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // socat ended
                }
            }, "socat-log");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read socat's output", e);
        }
        if (names.size() < 2) {
            throw new IllegalStateException("socat did not report two ptys");
        }
        return names;
    }
}
