package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * uname()'s release, version and machine, read from /proc/sys/kernel (osrelease, version, arch) so that no
 * native call is needed. Kernels before 6.1 have no "arch" file; the machine then comes from the JVM's
 * architecture, translated to uname's spelling. A value that cannot be read is null (omitted).
 */
record KernelIdentity(String release, String version, String machine) {

    static KernelIdentity read(SystemPaths paths) {
        String machine = line(paths, "/proc/sys/kernel/arch");
        return new KernelIdentity(line(paths, "/proc/sys/kernel/osrelease"), line(paths, "/proc/sys/kernel/version"),
                machine != null ? machine : unameMachine(System.getProperty("os.arch")));
    }

    /** The JVM's os.arch in uname -m spelling, for the architectures Java and QEMU both run on. */
    static String unameMachine(String osArch) {
        if (osArch == null) {
            return null;
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            case "arm" -> "armv7l";
            default -> osArch;   // aarch64, ppc64le, ppc64, s390x, riscv64, loongarch64, mips64el: same words
        };
    }

    private static String line(SystemPaths paths, String guestPath) {
        try {
            String text = Files.readString(paths.resolve(guestPath), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
