/**
 * qemu-ga's list of local filesystems ({@link org.jqga.posix.mounts.MountTable}): the mounts that freeze,
 * thaw, trim and fsinfo act on, read from {@code /proc/self/mountinfo} (fallback {@code /proc/self/mounts})
 * by the same rules as qemu-ga: device major 0 skipped except btrfs, first mount of a device wins, octal
 * escapes decoded. Pure Java: nothing here loads native code.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jqga.posix.mounts;
