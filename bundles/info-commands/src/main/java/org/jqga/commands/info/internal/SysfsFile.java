package org.jqga.commands.info.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One read of at most a few bytes from the start of a sysfs attribute, as qemu-ga's pread() does. */
final class SysfsFile {

    private SysfsFile() {
    }

    /** @return the bytes read, empty at end of file */
    static byte[] readPrefix(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(maxBytes);
        }
    }
}
