package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sets a tty's termios through stty(1). Java has no termios API, and the POSIX bundle (jnr) that
 * could call tcsetattr directly is not available yet; qemu-ga itself calls tcsetattr.
 */
final class SerialLineSetup {

    private static final long TIMEOUT_SECONDS = 10;

    private SerialLineSetup() {
    }

    static void stty(Path device, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of("stty", "-F", device.toString()));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(output.readAllBytes(), Charset.defaultCharset()).trim();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
