package org.jqga.fsfreeze.internal;

/**
 * One filesystem the agent may freeze, thaw or trim: a line of the mount table that survived qemu-ga's
 * rules (see {@link MountTable}).
 *
 * @param mountPoint the mount point with octal escapes decoded, compared byte for byte with the host's list
 */
record Mount(String mountPoint, String type, String source, int major, int minor) {

    String device() {
        return major + ":" + minor;
    }
}
