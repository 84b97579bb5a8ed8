package org.jqga.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The check for a file or folder that steers an agent running as root (a policy file, a deploy folder, a bundle):
 * whoever can write it can change what the agent does, so it must belong to the required owner and be writable by
 * nobody else.
 */
public final class TrustedLocation {

    private TrustedLocation() {
    }

    /**
     * @param what    how the log names the path, e.g. "policy file /etc/jqga/policy.conf"
     * @param options {@link LinkOption#NOFOLLOW_LINKS} to judge a symbolic link itself
     * @return null when the path may be trusted, else why not, for the log
     */
    public static String whyUntrusted(Path path, String what, int requiredOwner, LinkOption... options) {
        try {
            int owner = (Integer) Files.getAttribute(path, "unix:uid", options);
            if (owner != requiredOwner) {
                return what + " is owned by uid " + owner + ", not " + requiredOwner;
            }
            Set<PosixFilePermission> mode = Files.readAttributes(path, PosixFileAttributes.class, options).permissions();
            if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                return what + " is writable by group or others (mode " + PosixFilePermissions.toString(mode) + ")";
            }
            return null;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "cannot check owner and mode of " + what + ": " + e;
        }
    }

    /** The uid the agent runs as (root in production; a test or a user's own agent may run as someone else). */
    public static int agentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return 0;
        }
    }
}
