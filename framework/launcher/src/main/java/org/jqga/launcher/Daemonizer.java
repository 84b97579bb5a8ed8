package org.jqga.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * -d for a JVM, which cannot fork: the launcher starts a second copy of itself in a new session (umask 077, working
 * directory /, stdio on /dev/null) and exits once that copy reports that it is up, or fails if it dies first.
 *
 * <p>The copy gets the already merged settings as absolute-path options and is told by an environment variable
 * that it is the daemon (so it neither reads the configuration file again nor spawns once more). The same variable
 * names a marker file the parent created; the daemon deletes it when its pid file is written and its bundles are
 * started, which is the parent's signal to exit 0.
 */
final class Daemonizer {

    static final String CHILD_MARKER = "JQGA_DAEMON_STARTING";
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(50);

    private Daemonizer() {
    }

    static boolean isDaemonChild(Map<String, String> environment) {
        return environment.containsKey(CHILD_MARKER);
    }

    /** Called by the daemon once it is serving. */
    static void reportReady(Map<String, String> environment) {
        String marker = environment.get(CHILD_MARKER);
        if (marker == null || marker.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(marker));
        } catch (IOException e) {
            // the parent then times out and says so; nothing better to do from a detached process
        }
    }

    /** Runs in the parent: starts the daemon, waits for its readiness and returns the parent's exit status. */
    static int spawn(AgentConfig config, PrintStream err) {
        Path marker;
        try {
            marker = Files.createTempFile("jqga-daemon-", ".starting");
        } catch (IOException e) {
            err.println(CommandLine.PROGRAM + ": cannot daemonize: " + e.getMessage());
            return 1;
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077; exec setsid \"$@\"", "jqga"));
        command.addAll(javaCommand());
        command.addAll(childArguments(config));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(CHILD_MARKER, marker.toString());
        try {
            Process child = builder.start();
            return awaitReadiness(child, marker, config, err);
        } catch (IOException e) {
            err.println(CommandLine.PROGRAM + ": cannot daemonize: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                // a stale marker in the temp directory harms nobody
            }
        }
    }

    private static int awaitReadiness(Process child, Path marker, AgentConfig config, PrintStream err)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!Files.exists(marker)) {
                return 0;
            }
            // exit status 0 without readiness would mean setsid forked once more; keep waiting for the marker then
            if (!child.isAlive() && child.exitValue() != 0) {
                err.println(CommandLine.PROGRAM + ": the daemon exited with status " + child.exitValue()
                        + " while starting" + (config.logfile != null
                        ? "; see " + config.logfile
                        : "; run without -d, or with -l <logfile>, to see why"));
                return 1;
            }
            Thread.sleep(POLL.toMillis());
        }
        err.println(CommandLine.PROGRAM + ": the daemon (pid " + child.pid() + ") did not finish starting within "
                + START_TIMEOUT.toSeconds() + " s");
        return 1;
    }

    /** This JVM's own command line, made independent of the working directory. */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String home = System.getProperty("jqga.home");
        if (home != null) {
            command.add("-Djqga.home=" + Path.of(home).toAbsolutePath());
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(Main.class.getName());
        return command;
    }

    /** The merged settings as options; relative paths made absolute because the daemon runs in /. */
    static List<String> childArguments(AgentConfig config) {
        List<String> args = new ArrayList<>();
        args.add("-d");
        args.add("-m");
        args.add(config.method);
        args.add("-p");
        // a vsock address is <cid>:<port>, not a file name
        args.add(AgentConfig.VSOCK_LISTEN.equals(config.method) ? config.path : absolute(config.path));
        if (config.logfile != null) {
            args.add("-l");
            args.add(absolute(config.logfile));
        }
        args.add("-f");
        args.add(absolute(config.pidfile));
        args.add("-t");
        args.add(absolute(config.statedir));
        if (config.fsfreezeHook != null) {
            args.add("--fsfreeze-hook=" + absolute(config.fsfreezeHook));
        }
        if (config.verbose) {
            args.add("-v");
        }
        if (config.retryPath) {
            args.add("-r");
        }
        if (config.deployDir != null) {
            args.add("--deploy-dir=" + absolute(config.deployDir));
        }
        if (config.deployKey != null) {
            args.add("--deploy-key=" + absolute(config.deployKey));
        }
        if (config.policyFile != null) {
            args.add("--policy-file=" + (config.policyFile.isEmpty() ? "" : absolute(config.policyFile)));
        }
        if (config.auditLog != null) {
            args.add("--audit-log=" + (config.auditLog.isEmpty() || config.auditLog.startsWith("syslog") ? config.auditLog
                    : absolute(config.auditLog)));
        }
        if (config.adminSocket != null) {
            args.add("--admin-socket=" + (config.adminSocket.isEmpty() ? "" : absolute(config.adminSocket)));
        }
        // one name per option keeps the order; "help" would mean "list the commands" on a command line, and
        // matches no command anyway
        for (String name : config.blockRpcs) {
            if (!CommandLine.isHelp(name)) {
                args.add("-b");
                args.add(name);
            }
        }
        for (String name : config.allowRpcs) {
            if (!CommandLine.isHelp(name)) {
                args.add("-a");
                args.add(name);
            }
        }
        return args;
    }

    private static String absolute(String path) {
        return path.isEmpty() ? path : Path.of(path).toAbsolutePath().toString();
    }
}
