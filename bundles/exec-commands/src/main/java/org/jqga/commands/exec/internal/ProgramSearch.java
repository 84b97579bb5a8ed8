package org.jqga.commands.exec.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import jnr.constants.platform.Errno;

/**
 * Finds the file guest-exec runs, as GLib does for qemu-ga (G_SPAWN_SEARCH_PATH with
 * G_SPAWN_SEARCH_PATH_FROM_ENVP): a name with a '/' is used as it is; a bare name is looked up in the
 * {@code PATH} of the {@code env} argument when that has one, else in the agent's own {@code PATH}, else
 * in {@value #DEFAULT_SEARCH_PATH}. An empty element means the current directory. GLib's default also
 * ends with ".", which is left out here on purpose: a program must not be found in whatever directory
 * the agent happens to run in.
 */
final class ProgramSearch {

    static final String DEFAULT_SEARCH_PATH = "/bin:/usr/bin";

    private ProgramSearch() {
    }

    /** The file to execute, or the errno execvp(3) would have failed with. */
    sealed interface Outcome permits Found, NotFound {
    }

    record Found(String file) implements Outcome {
    }

    record NotFound(Errno errno) implements Outcome {
    }

    /**
     * @param env the child's environment when the host gave one, else null
     * @param agentPath the agent's own {@code PATH}, or null
     */
    static Outcome find(String name, List<String> env, String agentPath) {
        if (name.isEmpty()) {
            return new NotFound(Errno.ENOENT);
        }
        if (name.indexOf('/') >= 0) {
            return new Found(name);
        }
        String searchPath = env == null ? null : valueOf(env, "PATH");
        if (searchPath == null) {
            searchPath = agentPath != null ? agentPath : DEFAULT_SEARCH_PATH;
        }
        boolean denied = false;
        for (String directory : searchPath.split(":", -1)) {
            Path candidate;
            try {
                candidate = Path.of(directory.isEmpty() ? "." : directory).resolve(name);
            } catch (InvalidPathException e) {
                continue;
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Found(candidate.toString());
            }
            // execvp goes on past a file it may not execute, but reports EACCES rather than ENOENT at the end
            denied |= Files.exists(candidate);
        }
        return new NotFound(denied ? Errno.EACCES : Errno.ENOENT);
    }

    /** The value of the first {@code NAME=} entry, as getenv(3) would find it in that environment. */
    static String valueOf(List<String> env, String variable) {
        String prefix = variable + "=";
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                return entry.substring(prefix.length());
            }
        }
        return null;
    }
}
