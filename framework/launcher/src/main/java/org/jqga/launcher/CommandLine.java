package org.jqga.launcher;

import java.util.List;

import org.jqga.launcher.GetoptLong.Argument;
import org.jqga.launcher.GetoptLong.LongOption;
import org.jqga.launcher.GetoptLong.Parsed;

/** qemu-ga's options, applied in command-line order on top of the configuration file. */
final class CommandLine {

    static final String PROGRAM = "jqga";

    /** Long-only options of jqga's own; qemu-ga has no such options, so they get codes no letter uses. */
    static final char DEPLOY_DIR = '\u0100';
    static final char DEPLOY_KEY = '\u0101';
    static final char POLICY_FILE = '\u0102';
    static final char AUDIT_LOG = '\u0103';
    static final char ADMIN_SOCKET = '\u0104';

    private static final String SHORT_OPTIONS = "hVvdc:m:p:l:f:F::b:a:t:Dr";

    // qemu-ga's table order: glibc lists ambiguous candidates in this order
    private static final List<LongOption> LONG_OPTIONS = List.of(
            new LongOption("help", Argument.NONE, 'h'),
            new LongOption("version", Argument.NONE, 'V'),
            new LongOption("config", Argument.REQUIRED, 'c'),
            new LongOption("dump-conf", Argument.NONE, 'D'),
            new LongOption("logfile", Argument.REQUIRED, 'l'),
            new LongOption("pidfile", Argument.REQUIRED, 'f'),
            new LongOption("fsfreeze-hook", Argument.OPTIONAL, 'F'),
            new LongOption("verbose", Argument.NONE, 'v'),
            new LongOption("method", Argument.REQUIRED, 'm'),
            new LongOption("path", Argument.REQUIRED, 'p'),
            new LongOption("daemonize", Argument.NONE, 'd'),
            new LongOption("block-rpcs", Argument.REQUIRED, 'b'),
            new LongOption("allow-rpcs", Argument.REQUIRED, 'a'),
            new LongOption("statedir", Argument.REQUIRED, 't'),
            new LongOption("retry-path", Argument.NONE, 'r'),
            new LongOption("deploy-dir", Argument.REQUIRED, DEPLOY_DIR),
            new LongOption("deploy-key", Argument.REQUIRED, DEPLOY_KEY),
            new LongOption("policy-file", Argument.REQUIRED, POLICY_FILE),
            new LongOption("audit-log", Argument.REQUIRED, AUDIT_LOG),
            new LongOption("admin-socket", Argument.REQUIRED, ADMIN_SOCKET));

    /** What the command line asks for once it has been read as far as qemu-ga would read it. */
    sealed interface Action {
        /** Serve (or dump the configuration, if -D was given). */
        record Proceed() implements Action {}

        record ShowVersion() implements Action {}

        record ShowUsage() implements Action {}

        /** -b help / -a help: print every command name and exit. */
        record ListCommands() implements Action {}

        /** getopt refused an option; its diagnostic goes to stderr. */
        record Reject(String diagnostic) implements Action {}
    }

    private CommandLine() {
    }

    private static GetoptLong getopt() {
        return new GetoptLong(PROGRAM, SHORT_OPTIONS, LONG_OPTIONS);
    }

    /**
     * The file named by the last -c/--config, found in a first pass (as qemu-ga does) because the file must be read
     * before the other options override it; null if none. Errors are left to the real pass.
     */
    static String configPath(String[] args) {
        String path = null;
        for (Parsed option : getopt().parse(args).options()) {
            if (option.option() == 'c') {
                path = option.argument();
            }
        }
        return path;
    }

    /**
     * Applies the options left to right. Like qemu-ga, -V, -h and -b/-a help act the moment they are reached, so an
     * error further right does not matter, while an error further left wins.
     */
    static Action apply(String[] args, AgentConfig config) {
        GetoptLong.Result result = getopt().parse(args);
        for (Parsed option : result.options()) {
            String value = option.argument();
            switch (option.option()) {
                case 'c' -> { /* read in the first pass */ }
                case 'm' -> config.method = value;
                case 'p' -> config.path = value;
                case 'l' -> config.logfile = value;
                case 'f' -> config.setPidfile(value);
                case 'F' -> config.fsfreezeHook = value != null ? value : AgentConfig.DEFAULT_FSFREEZE_HOOK;
                case 't' -> config.statedir = value;
                case 'v' -> config.verbose = true;
                case 'd' -> config.daemonize = true;
                case 'D' -> config.dumpConf = true;
                case 'r' -> config.retryPath = true;
                case DEPLOY_DIR -> config.deployDir = value;
                case DEPLOY_KEY -> config.deployKey = value;
                case POLICY_FILE -> config.policyFile = value;
                case AUDIT_LOG -> config.auditLog = value;
                case ADMIN_SOCKET -> config.adminSocket = value;
                case 'V' -> {
                    return new Action.ShowVersion();
                }
                case 'h' -> {
                    return new Action.ShowUsage();
                }
                case 'b' -> {
                    if (isHelp(value)) {
                        return new Action.ListCommands();
                    }
                    AgentConfig.addCommaList(config.blockRpcs, value);
                }
                case 'a' -> {
                    if (isHelp(value)) {
                        return new Action.ListCommands();
                    }
                    AgentConfig.addCommaList(config.allowRpcs, value);
                }
                default -> throw new IllegalStateException("option table and switch disagree: " + option.option());
            }
        }
        if (result.failed()) {
            return new Action.Reject(result.diagnostic());
        }
        return new Action.Proceed();
    }

    static boolean isHelp(String listValue) {
        return listValue.equals("help") || listValue.equals("?");
    }

    /** What qemu-ga prints to stdout after getopt's diagnostic. */
    static String unknownOptionHint() {
        return "Unknown option, try '" + PROGRAM + " --help' for more information.\n";
    }
}
