package org.jqga.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the two agents compared, started the same way: unix-listen on a socket in its own temporary state
 * directory, with every command that could harm the machine blocked.
 *
 * @param environment added to the benchmark's own environment (JAVA_HOME for jqga, for instance)
 */
record AgentKind(String name, Path executable, Map<String, String> environment, List<String> extraArguments) {

    AgentKind(String name, Path executable, Map<String, String> environment) {
        this(name, executable, environment, List.of());
    }

    AgentKind withArguments(List<String> arguments) {
        List<String> all = new ArrayList<>(extraArguments);
        all.addAll(arguments);
        return new AgentKind(name, executable, environment, List.copyOf(all));
    }

    static final String BLOCKED = String.join(",", "guest-exec", "guest-shutdown", "guest-suspend-disk",
            "guest-suspend-ram", "guest-suspend-hybrid", "guest-set-time", "guest-set-user-password",
            "guest-set-vcpus", "guest-set-memory-blocks", "guest-ssh-add-authorized-keys",
            "guest-ssh-remove-authorized-keys", "guest-fsfreeze-freeze", "guest-fsfreeze-freeze-list");

    List<String> command(Path socket, Path statedir) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of("-m", "unix-listen", "-p", socket.toString(), "-t", statedir.toString(),
                "-b", BLOCKED));
        command.addAll(extraArguments);
        return command;
    }
}
