package org.jqga.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What qemu-ga's main() does, in order: configuration file, command line, defaults, then -D, -d, logging, pid file
 * and finally the agent itself (here: Felix and the bundles). Returns the process exit status.
 */
final class Launcher {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LIST_QUIET_PERIOD = Duration.ofMillis(300);
    private static final Duration LIST_MAXIMUM_WAIT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final LauncherProperties properties;

    Launcher(PrintStream out, PrintStream err, Map<String, String> environment, LauncherProperties properties) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.properties = properties;
    }

    int run(String[] args) {
        AgentConfig config = new AgentConfig();
        boolean daemonChild = Daemonizer.isDaemonChild(environment);
        try {
            // the daemon copy gets the parent's merged settings as options; reading the file again would repeat lists
            if (!daemonChild) {
                String explicit = CommandLine.configPath(args);
                if (explicit != null) {
                    ConfigFileLoader.load(config, explicit, true);
                } else {
                    ConfigFileLoader.load(config, ConfigFileLoader.defaultPath(environment), false);
                }
            }
            CommandLine.Action action = CommandLine.apply(args, config);
            if (action instanceof CommandLine.Action.Reject reject) {
                err.print(reject.diagnostic());
                err.flush();
                // qemu-ga prints this hint with g_print, i.e. to stdout
                out.print(CommandLine.unknownOptionHint());
                out.flush();
                return 1;
            }
            if (action instanceof CommandLine.Action.ShowVersion) {
                out.println("QEMU Guest Agent " + properties.version() + " (jqga)");
                return 0;
            }
            if (action instanceof CommandLine.Action.ShowUsage) {
                out.print(Usage.text(properties.version()));
                return 0;
            }
            if (action instanceof CommandLine.Action.ListCommands) {
                return listCommands(config);
            }
            config.applyDefaults();
            if (config.dumpConf) {
                out.print(ConfigDump.render(config));
                out.flush();
                return 0;
            }
            config.checkMethod();
        } catch (StartupException e) {
            fail(e);
            return 1;
        }
        if (config.daemonize && !daemonChild) {
            return Daemonizer.spawn(config, err);
        }
        // a supplier: SettingsReload's logger must not be created before serve() has configured slf4j
        return serve(config, () -> SettingsReload.fromFileAndArgs(args, environment, !daemonChild));
    }

    private void fail(StartupException e) {
        err.println(CommandLine.PROGRAM + ": " + e.getMessage());
        err.flush();
    }

    private int serve(AgentConfig config, java.util.function.Supplier<SettingsReload.SettingsSource> reloadSettings) {
        // frozen at start: nothing may be created in the state directory until thaw (see FrozenStart)
        boolean frozenAtStart = FrozenStart.markerPresent(Path.of(config.statedir));
        HeldLogOutput heldLog;
        try {
            heldLog = LoggingSetup.configureHoldable(config.logfile, config.verbose, !frozenAtStart);
        } catch (StartupException e) {
            fail(e);
            return 1;
        }
        // only now: creating the watch creates its logger, and slf4j reads its settings once, at the first logger
        FrozenFilesystemsWatch frozen = new FrozenFilesystemsWatch(heldLog, frozenAtStart);
        Logger log = LoggerFactory.getLogger(Launcher.class);
        log.info("jqga {} starting: method={} path={} statedir={}", properties.version(), config.method,
                config.path, config.statedir);
        SettingsReload.SettingsSource reloadSource = reloadSettings.get();
        PidFileSlot pidFile = new PidFileSlot();
        Path scratchCache = null;
        try (StateDirectory state = frozenAtStart ? null : StateDirectory.claim(Path.of(config.statedir), bundleBytes(), log)) {
            if (config.daemonize || config.pidfileExplicit) {
                frozen.whenThawed(() -> acquirePidFile(config, pidFile, frozenAtStart, log));
            }
            if (state == null) {
                scratchCache = FrozenStart.scratchFelixCache();
            }
            if (frozenAtStart) {
                log.warn("{} exists: starting frozen; the log file and pid file wait for thaw, the bundle cache is {}",
                        Path.of(config.statedir, FrozenStart.MARKER), scratchCache);
            }
            Path felixCache = state != null ? state.felixCache() : scratchCache;
            Path seed = BundleCacheSeed.of(bundleDirectory());
            BundleCacheSeed.plant(felixCache, seed, FelixRunner.bundleJars(bundleDirectory()), log);
            Map<String, Object> framework = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE,
                    felixCache, config.statedir, properties, new FelixLogBridge());
            frozen.addTo(framework);
            FelixRunner runner = new FelixRunner(framework);
            installStopHandling(runner, pidFile, log, frozen);
            if (runner.start(bundleDirectory())) {
                SettingsReload.install(runner.context(), config, reloadSource);
                frozen.bundlesStarted();
                Daemonizer.reportReady(environment);
                log.info("jqga {} ready", properties.version());
            }
            int status = runner.awaitStop();
            log.info("jqga stopped (exit status {})", status);
            if (CdsTraining.requested(framework) && status == 0) {
                BundleCacheSeed.keep(felixCache, seed, log);
            }
            return status;
        } catch (StartupException e) {
            log.error(e.getMessage(), e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (UncheckedStartupException e) {
            log.error(e.getCause().getMessage(), e.getCause().getCause());
            return 1;
        } finally {
            pidFile.remove();
            if (scratchCache != null) {
                FileTrees.deleteQuietly(scratchCache.getParent());
            }
        }
    }

    /** The pid file now (a failure ends the start), or after thaw when started frozen (a failure is logged). */
    private static void acquirePidFile(AgentConfig config, PidFileSlot slot, boolean deferred, Logger log) {
        try {
            slot.fill(PidFile.acquire(Path.of(config.pidfile)));
        } catch (StartupException e) {
            if (!deferred) {
                throw new UncheckedStartupException(e);
            }
            log.error("after thaw: {}", e.getMessage());
        }
    }

    /** Carries a start-up failure out of {@link FrozenFilesystemsWatch#whenThawed}. */
    private static final class UncheckedStartupException extends RuntimeException {
        UncheckedStartupException(StartupException cause) {
            super(cause);
        }
    }

    /**
     * SIGTERM/SIGINT: stop the framework and let main() return 0; if bundles hang for longer than the stop timeout,
     * leave anyway. Any other way out of the JVM (SIGHUP, System.exit by a bundle) still stops the framework and
     * removes the pid file through the shutdown hook.
     */
    private static void installStopHandling(FelixRunner runner, PidFileSlot pidFile, Logger log,
                                            FrozenFilesystemsWatch frozen) {
        TerminationSignals.onTermination(signal -> {
            // qemu-ga ignores SIGTERM/SIGINT while frozen: an agent that exits leaves the filesystems frozen
            if (frozen.ignoreWhileFrozen(signal)) {
                return;
            }
            log.info("termination signal received, stopping");
            runner.requestStop();
            Thread watchdog = new Thread(() -> {
                if (!runner.awaitStopped(STOP_TIMEOUT)) {
                    log.error("the OSGi framework did not stop within {} s, exiting anyway", STOP_TIMEOUT.toSeconds());
                    if (pidFile != null) {
                        pidFile.remove();
                    }
                    Runtime.getRuntime().halt(0);
                }
            }, "jqga-stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (runner.isRunning()) {
                runner.stop(STOP_TIMEOUT);
            }
            if (pidFile != null) {
                pidFile.remove();
            }
        }, "jqga-shutdown"));
    }

    /** -b help / -a help: start the bundles without any channel, print the command names, stop. */
    private int listCommands(AgentConfig config) {
        try {
            LoggingSetup.configure(null, config.verbose);
        } catch (StartupException e) {
            fail(e);
            return 1;
        }
        Logger log = LoggerFactory.getLogger(Launcher.class);
        Path scratch;
        try {
            // never the real state directory: a running agent may own it
            scratch = Files.createTempDirectory("jqga-list-");
        } catch (IOException e) {
            err.println(CommandLine.PROGRAM + ": cannot create a temporary directory: " + e.getMessage());
            return 1;
        }
        FelixRunner runner = null;
        try {
            runner = new FelixRunner(FrameworkProperties.of(config, FrameworkProperties.MODE_LIST_COMMANDS,
                    scratch.resolve("felix-cache"), scratch.toString(), properties, new FelixLogBridge()));
            if (!runner.start(bundleDirectory())) {
                err.println(CommandLine.PROGRAM + ": the OSGi framework stopped while starting");
                return 1;
            }
            List<String> names = CommandLister.awaitCommandNames(runner.context(), LIST_QUIET_PERIOD,
                    LIST_MAXIMUM_WAIT);
            names.forEach(out::println);
            out.flush();
            return 0;
        } catch (StartupException e) {
            log.error(e.getMessage(), e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (runner != null) {
                runner.stop(STOP_TIMEOUT);
            }
            FileTrees.deleteQuietly(scratch);
        }
    }

    /** {@code <jqga.home>/bundle}; without -Djqga.home, the directory above the launcher jar's lib/. */
    private static long bundleBytes() throws StartupException {
        try (var jars = Files.list(bundleDirectory())) {
            return jars.mapToLong(jar -> jar.toFile().length()).sum();
        } catch (IOException e) {
            throw new StartupException("cannot list the bundle directory: " + e.getMessage(), e);
        }
    }

    static Path bundleDirectory() throws StartupException {
        String home = System.getProperty("jqga.home");
        if (home != null) {
            return Path.of(home, "bundle");
        }
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().resolveSibling("bundle");
        } catch (URISyntaxException | RuntimeException e) {
            throw new StartupException("jqga.home is not set and the launcher jar cannot be located", e);
        }
    }
}
