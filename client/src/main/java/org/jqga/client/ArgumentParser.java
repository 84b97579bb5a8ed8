package org.jqga.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * jqga-client [-s SOCKET | -A] [--json] [-t SECONDS] SUBCOMMAND [OPERAND...]. Options come before the subcommand;
 * everything after it is an operand, so that {@code exec ls -l} passes -l to ls.
 */
final class ArgumentParser {

    /** Where jqga serves its admin socket by default: &lt;statedir&gt;/jqga-admin/admin.sock, statedir /var/run. */
    static final Path DEFAULT_ADMIN_SOCKET = Path.of("/var/run/jqga-admin/admin.sock");

    private ArgumentParser() {
    }

    /** @return null when help was asked for */
    static Invocation parse(String[] args) throws UsageException {
        Path socket = null;
        boolean json = false;
        boolean admin = false;
        Duration timeout = Invocation.DEFAULT_TIMEOUT;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String option = args[i];
            switch (option) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--json", "-j" -> json = true;
                case "-A", "--admin" -> admin = true;
                case "-s", "--socket" -> socket = Path.of(value(args, ++i, option));
                case "-t", "--timeout" -> timeout = seconds(value(args, ++i, option));
                default -> {
                    if (option.startsWith("--socket=")) {
                        socket = Path.of(option.substring("--socket=".length()));
                    } else if (option.startsWith("--timeout=")) {
                        timeout = seconds(option.substring("--timeout=".length()));
                    } else {
                        throw new UsageException("unknown option " + option);
                    }
                }
            }
        }
        if (i == args.length) {
            throw new UsageException("no subcommand given");
        }
        if (socket == null && admin) {
            socket = DEFAULT_ADMIN_SOCKET;
        }
        if (socket == null) {
            throw new UsageException("no agent socket given: -s PATH (or -A for the admin socket)");
        }
        Subcommand subcommand = Subcommand.named(args[i]);
        if (subcommand == null) {
            throw new UsageException("unknown subcommand " + args[i]);
        }
        List<String> operands = new ArrayList<>(List.of(args).subList(i + 1, args.length));
        if (operands.size() < subcommand.minOperands || operands.size() > subcommand.maxOperands) {
            throw new UsageException(subcommand.word + ": " + subcommand.help);
        }
        return new Invocation(socket, json, timeout, subcommand, List.copyOf(operands));
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: jqga-client [-s SOCKET | -A] [--json] [-t SECONDS] SUBCOMMAND [OPERAND...]
                Talks to a QEMU guest agent (jqga or qemu-ga) over a unix socket: the agent's -m unix-listen socket
                in the guest, or on the host the socket QEMU exposes for the guest's virtio-serial port, or, as
                root in the guest, jqga's admin socket, where the bundle-* subcommands work whatever the host
                policy allows.

                Options:
                  -s, --socket PATH    the agent's socket (required unless -A)
                  -A, --admin          jqga's admin socket (root only), by default %s
                  -j, --json           print the agent's reply as JSON instead of text
                  -t, --timeout SECS   how long to wait for each reply (default 30)
                  -h, --help           this text

                Subcommands:
                """.formatted(DEFAULT_ADMIN_SOCKET));
        for (Subcommand subcommand : Subcommand.values()) {
            text.append(String.format("  %-16s %s%n", subcommand.word, subcommand.help));
        }
        text.append("""

                Exit status: 0 done; 1 the agent answered with an error; 2 bad command line; 3 no agent or no
                reply; for exec, the program's own exit status (128+N if signal N ended it).
                """);
        return text.toString();
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static Duration seconds(String text) throws UsageException {
        try {
            long seconds = Long.parseLong(text);
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("the timeout must be a positive number of seconds: " + text);
        }
    }
}
