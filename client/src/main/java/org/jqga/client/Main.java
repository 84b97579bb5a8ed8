package org.jqga.client;

import java.io.IOException;
import java.io.PrintStream;

/** jqga-client: a human's way to talk to a guest agent (see {@link ArgumentParser#usage}). */
public final class Main {

    static final int EXIT_AGENT_ERROR = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NO_AGENT = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Invocation invocation;
        try {
            invocation = ArgumentParser.parse(args);
        } catch (UsageException e) {
            err.println("jqga-client: " + e.getMessage());
            err.println("Try 'jqga-client --help'.");
            return EXIT_USAGE;
        }
        if (invocation == null) {
            out.print(ArgumentParser.usage());
            return 0;
        }
        try (AgentConnection agent = AgentConnection.open(invocation.socket(), invocation.timeout())) {
            return new ClientCommands(agent, invocation.json(), out, err)
                    .run(invocation.subcommand(), invocation.operands());
        } catch (AgentError e) {
            err.println("jqga-client: the agent refused: " + TextFormat.agentError(e));
            return EXIT_AGENT_ERROR;
        } catch (IOException e) {
            err.println("jqga-client: " + e.getMessage());
            return EXIT_NO_AGENT;
        }
    }
}
