package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * realpath(3) of a guest path under the configured root, as a guest path again: sysfs links are relative,
 * so they resolve inside a captured sample tree just as on the guest.
 */
final class GuestPath {

    private GuestPath() {
    }

    /** @throws IOException as Path.toRealPath reports it (NoSuchFileException for ENOENT) */
    static String realpath(SystemPaths paths, String guestPath) throws IOException {
        Path root = paths.root().toRealPath();
        Path real = paths.resolve(guestPath).toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException(guestPath + " resolves outside " + root);
        }
        return "/" + root.relativize(real).toString();
    }

    static String basename(String guestPath) {
        int slash = guestPath.lastIndexOf('/');
        return slash < 0 ? guestPath : guestPath.substring(slash + 1);
    }
}
