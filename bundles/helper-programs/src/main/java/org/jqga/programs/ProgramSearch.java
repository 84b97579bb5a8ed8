package org.jqga.programs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * GLib's g_find_program_in_path, which qemu-ga uses to find chpasswd, systemctl and pm-utils: the first
 * executable regular file of that name in a colon-separated search path.
 */
public final class ProgramSearch {

    private ProgramSearch() {
    }

    /** The agent's own PATH, or GLib's fallback when it has none. */
    public static String agentPath() {
        String path = System.getenv("PATH");
        return path == null || path.isEmpty() ? "/bin:/usr/bin:." : path;
    }

    public static Optional<Path> find(String name, String searchPath) {
        if (name.contains("/")) {
            Path given = Path.of(name);
            return isProgram(given) ? Optional.of(given) : Optional.empty();
        }
        for (String directory : searchPath.split(":", -1)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory).resolve(name);
            if (isProgram(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static boolean isProgram(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
