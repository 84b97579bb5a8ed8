package org.jqga.commands.exec.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.posix.POSIX;
import jnr.posix.SpawnFileAction;
import org.jqga.api.CommandException;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/**
 * Starts a program the way qemu-ga's guest-exec does (GLib's g_spawn_async_with_pipes): argv is
 * {@code [path] + arg}; {@code env}, when given, is the whole environment; the agent's working directory;
 * stdin from /dev/null unless there is input; streams not captured go to /dev/null; no other descriptor
 * of the agent reaches the child; signals the agent handles are default again after exec (the JVM
 * handles SIGPIPE rather than ignoring it, so the child gets the default SIGPIPE that qemu-ga restores).
 *
 * <p>posix_spawn(3) through jnr-posix rather than ProcessBuilder, so that the agent itself reaps the child
 * and sees its raw wait status (see {@link ChildProcess}), and argv[0] stays the name the host gave.
 * Descriptors are closed in the child by one close action for every descriptor the agent has open at
 * spawn time (read from /proc/self/fd, plus a margin); spawns are serialised so that two never see each
 * other's pipes.
 */
final class ProgramLauncher {

    private static final Object SPAWN_LOCK = new Object();
    /** Closed in the child beyond the highest descriptor seen, for ones opened between the listing and the spawn. */
    private static final int CLOSE_MARGIN = 32;
    private static final int FALLBACK_HIGHEST_FD = 1024;

    private final String agentPath;

    /** @param agentPath the agent's own PATH, for programs named without a '/' when env has no PATH */
    ProgramLauncher(String agentPath) {
        this.agentPath = agentPath;
    }

    ChildProcess launch(String path, List<String> arg, List<String> env, byte[] input, CaptureOutput capture)
            throws CommandException {
        ProgramSearch.Outcome found = ProgramSearch.find(path, env, agentPath);
        if (found instanceof ProgramSearch.NotFound notFound) {
            throw execFailed(path, notFound.errno().intValue());
        }
        String file = ((ProgramSearch.Found) found).file();
        List<String> argv = new ArrayList<>();
        argv.add(path);
        if (arg != null) {
            argv.addAll(arg);
        }
        List<String> envp = env != null ? env : currentEnvironment();
        try (Plumbing plumbing = new Plumbing(input != null, capture)) {
            long pid = spawn(file, argv, envp, plumbing);
            if (pid < 0 && Posix.jnr().errno() == Errno.ENOEXEC.intValue()) {
                // like execvp, run a file without a #! line as a shell script
                List<String> shellArgv = new ArrayList<>();
                shellArgv.add("/bin/sh");
                shellArgv.add(file);
                shellArgv.addAll(argv.subList(1, argv.size()));
                pid = spawn("/bin/sh", shellArgv, envp, plumbing);
            }
            if (pid < 0) {
                throw execFailed(path, Posix.jnr().errno());
            }
            return plumbing.connect(pid, input);
        } catch (PosixException e) {
            throw CommandException.genericError("Failed to create pipe for communicating with child process ("
                    + e.strerror() + ")");
        } catch (IOException e) {
            throw CommandException.genericError("Failed to create pipe for communicating with child process ("
                    + e.getMessage() + ")");
        }
    }

    /** GLib's text, which the newest qemu-ga passes on as it is. */
    static CommandException execFailed(String path, int errno) {
        return CommandException.genericError("Failed to execute child process \u201C" + path + "\u201D ("
                + Posix.strerror(errno) + ")");
    }

    private static long spawn(String file, List<String> argv, List<String> envp, Plumbing plumbing) {
        synchronized (SPAWN_LOCK) {
            List<SpawnFileAction> actions = new ArrayList<>(plumbing.childDescriptorActions());
            for (int fd : openDescriptors()) {
                actions.add(SpawnFileAction.close(fd));
            }
            POSIX posix = Posix.jnr();
            posix.errno(0);
            return posix.posix_spawnp(file, actions, argv, envp);
        }
    }

    /** Every descriptor number from 3 that may be open now; closing one that is not does no harm. */
    private static TreeSet<Integer> openDescriptors() {
        TreeSet<Integer> fds = new TreeSet<>();
        int highest = FALLBACK_HIGHEST_FD;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            highest = 2;
            for (Path entry : entries) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                fds.add(fd);
                highest = Math.max(highest, fd);
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: close a generous fixed range instead
        }
        for (int fd = 3; fd <= Math.min(highest, FALLBACK_HIGHEST_FD) + CLOSE_MARGIN; fd++) {
            fds.add(fd);
        }
        return new TreeSet<>(fds.tailSet(3));
    }

    private static List<String> currentEnvironment() {
        List<String> envp = new ArrayList<>();
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            envp.add(variable.getKey() + "=" + variable.getValue());
        }
        return envp;
    }

    /**
     * The pipes of one spawn. The agent's end of each pipe is reopened through /proc/self/fd as a
     * {@link FileChannel}, whose close wakes a thread blocked on it; the raw descriptors are all closed
     * when this is closed, the child's ends included (the child has its own copies by then).
     */
    private static final class Plumbing implements AutoCloseable {

        private final CaptureOutput capture;
        private final List<Integer> rawDescriptors = new ArrayList<>();
        private final List<FileChannel> channels = new ArrayList<>();
        private int stdinRead = -1;
        private FileChannel stdinWrite;
        private int stdoutWrite = -1;
        private FileChannel stdoutRead;
        private int stderrWrite = -1;
        private FileChannel stderrRead;
        private boolean connected;

        Plumbing(boolean input, CaptureOutput capture) throws IOException {
            this.capture = capture;
            try {
                if (input) {
                    int[] fds = pipe();
                    stdinRead = fds[0];
                    stdinWrite = reopen(fds[1], StandardOpenOption.WRITE);
                }
                if (capture.capturesStdout()) {
                    int[] fds = pipe();
                    stdoutRead = reopen(fds[0], StandardOpenOption.READ);
                    stdoutWrite = fds[1];
                }
                if (capture.capturesStderr()) {
                    int[] fds = pipe();
                    stderrRead = reopen(fds[0], StandardOpenOption.READ);
                    stderrWrite = fds[1];
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** What the child's descriptors 0, 1 and 2 become, in this order. */
        List<SpawnFileAction> childDescriptorActions() {
            int readOnly = OpenFlags.O_RDONLY.intValue();
            int writeOnly = OpenFlags.O_WRONLY.intValue();
            List<SpawnFileAction> actions = new ArrayList<>();
            actions.add(stdinRead >= 0 ? SpawnFileAction.dup(stdinRead, 0) : SpawnFileAction.open("/dev/null", 0, readOnly, 0));
            actions.add(stdoutWrite >= 0 ? SpawnFileAction.dup(stdoutWrite, 1) : SpawnFileAction.open("/dev/null", 1, writeOnly, 0));
            if (capture == CaptureOutput.MERGED) {
                actions.add(SpawnFileAction.dup(stdoutWrite, 2));
            } else {
                actions.add(stderrWrite >= 0 ? SpawnFileAction.dup(stderrWrite, 2) : SpawnFileAction.open("/dev/null", 2, writeOnly, 0));
            }
            return actions;
        }

        /** Hands the agent's pipe ends to their threads; after this, closing leaves those ends open. */
        ChildProcess connect(long pid, byte[] input) {
            connected = true;
            OutputCapture out = stdoutRead == null ? null : OutputCapture.start(stdoutRead, "jqga-exec-" + pid + "-stdout");
            OutputCapture err = stderrRead == null ? null : OutputCapture.start(stderrRead, "jqga-exec-" + pid + "-stderr");
            InputFeeder in = stdinWrite == null ? null : InputFeeder.start(stdinWrite, input, "jqga-exec-" + pid + "-stdin");
            return new ChildProcess(pid, out, err, in);
        }

        private int[] pipe() throws PosixException {
            int[] fds = new int[2];
            POSIX posix = Posix.jnr();
            if (posix.pipe(fds) < 0) {
                int errno = posix.errno();
                throw new PosixException(errno, Posix.strerror(errno));
            }
            rawDescriptors.add(fds[0]);
            rawDescriptors.add(fds[1]);
            return fds;
        }

        private FileChannel reopen(int fd, StandardOpenOption mode) throws IOException {
            FileChannel channel = FileChannel.open(Path.of("/proc/self/fd/" + fd), mode);
            channels.add(channel);
            return channel;
        }

        @Override
        public void close() {
            for (int fd : rawDescriptors) {
                try {
                    Posix.close(fd);
                } catch (PosixException e) {
                    // already gone; nothing to release
                }
            }
            rawDescriptors.clear();
            if (!connected) {
                channels.forEach(ChildThreads::closeQuietly);
            }
        }
    }
}
