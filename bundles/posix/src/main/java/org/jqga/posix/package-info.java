/**
 * Native POSIX access for jqga's command bundles.
 *
 * <p>This bundle carries jnr-posix, jnr-ffi, jnr-constants, jffi (with its native library) and ASM inside
 * itself, so the classes jnr-ffi generates at run time see all of jnr through one class loader. It exports
 * this package ({@link org.jqga.posix.Posix}, {@link org.jqga.posix.PosixException},
 * {@link org.jqga.posix.InterfaceAddress}, {@link org.jqga.posix.FilesystemStatistics}; 1.1.0 added the
 * last two with getifaddrs, SIOCGIFHWADDR and statvfs; 1.2.0 added {@link org.jqga.posix.NvmeHealthLog} (the NVMe
 * SMART / health log) and {@link org.jqga.posix.UnixDatagramSocket}, which Java 17 lacks, for syslog; 1.3.0 added
 * {@link org.jqga.posix.Posix#pread}), jnr-posix's API
 * package {@code jnr.posix} ({@code POSIX}, {@code FileStat}, ...) and jnr-constants' {@code jnr.constants}
 * and {@code jnr.constants.platform} ({@code Errno}, {@code OpenFlags}, ...). jnr-ffi, jffi and ASM stay
 * private: a command bundle never declares jnr-ffi interfaces itself; it asks for a helper here instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.jqga.posix;
