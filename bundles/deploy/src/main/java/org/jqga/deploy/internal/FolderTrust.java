package org.jqga.deploy.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jqga.api.TrustedLocation;

/**
 * Whether the deploy folder and a bundle file in it may be trusted: whoever can write there can run code as the
 * agent, so both must belong to the required owner (root) and be writable by nobody else.
 */
final class FolderTrust {

    static final int ROOT = 0;

    private final int requiredOwner;

    FolderTrust(int requiredOwner) {
        this.requiredOwner = requiredOwner;
    }

    /** Null if the folder may be used, else why not (for the log). */
    String checkFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "deploy folder " + folder + " is not a directory";
        }
        return TrustedLocation.whyUntrusted(folder, "deploy folder " + folder, requiredOwner);
    }

    /** Null if the bundle file may be used; a symbolic link is refused (it may point anywhere). */
    String checkFile(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return file + " is not a regular file";
        }
        return TrustedLocation.whyUntrusted(file, file.toString(), requiredOwner, LinkOption.NOFOLLOW_LINKS);
    }
}
