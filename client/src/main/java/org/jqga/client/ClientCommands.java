package org.jqga.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Carries out one subcommand over an open connection and prints its result; returns the exit status. */
final class ClientCommands {

    static final String POLICY_EXPLAIN = "__org.jqga_policy-explain";
    static final String BUNDLE_LIST = "__org.jqga_bundle-list";
    static final String BUNDLE_INSTALL = "__org.jqga_bundle-install";
    static final String BUNDLE_UPDATE = "__org.jqga_bundle-update";
    static final String BUNDLE_ROLLBACK = "__org.jqga_bundle-rollback";
    static final String BUNDLE_REMOVE = "__org.jqga_bundle-remove";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_CHUNK = 48 * 1024;
    private static final Duration EXEC_POLL = Duration.ofMillis(100);

    private final AgentConnection agent;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    ClientCommands(AgentConnection agent, boolean json, PrintStream out, PrintStream err) {
        this.agent = agent;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    int run(Subcommand subcommand, List<String> operands) throws IOException, AgentError {
        return switch (subcommand) {
            case PING -> print(agent.execute("guest-ping", null), TextFormat.ping());
            case INFO -> {
                JsonNode info = agent.execute("guest-info", null);
                yield print(info, TextFormat.info(info));
            }
            case CAT -> cat(operands.get(0));
            case EXEC -> exec(operands);
            case FSFREEZE_STATUS -> {
                JsonNode status = agent.execute("guest-fsfreeze-status", null);
                yield print(status, TextFormat.fsfreezeStatus(status));
            }
            case POLICY_EXPLAIN -> {
                ObjectNode arguments = JSON.createObjectNode();
                if (!operands.isEmpty()) {
                    arguments.put("command", operands.get(0));
                }
                JsonNode explanations = agent.execute(POLICY_EXPLAIN, arguments);
                yield print(explanations, TextFormat.policy(explanations));
            }
            case BUNDLE_LIST -> {
                JsonNode bundles = agent.execute(BUNDLE_LIST, null);
                yield print(bundles, TextFormat.bundles(bundles));
            }
            case BUNDLE_INSTALL -> deploy(BUNDLE_INSTALL, operands);
            case BUNDLE_UPDATE -> deploy(BUNDLE_UPDATE, operands);
            case BUNDLE_ROLLBACK -> bySymbolicName(BUNDLE_ROLLBACK, operands.get(0));
            case BUNDLE_REMOVE -> bySymbolicName(BUNDLE_REMOVE, operands.get(0));
            case RAW -> raw(operands.get(0));
        };
    }

    private int print(JsonNode value, String text) throws IOException {
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } else {
            out.print(text);
        }
        out.flush();
        return 0;
    }

    /** install/update: the jar (and its detached signature, if given) read here and sent base64-encoded. */
    private int deploy(String command, List<String> files) throws IOException, AgentError {
        ObjectNode arguments = JSON.createObjectNode()
                .put("bundle-b64", Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(files.get(0)))));
        if (files.size() > 1) {
            arguments.put("signature-b64", Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(files.get(1)))));
        }
        JsonNode result = agent.execute(command, arguments);
        return print(result, TextFormat.deployed(result));
    }

    private int bySymbolicName(String command, String symbolicName) throws IOException, AgentError {
        JsonNode result = agent.execute(command, JSON.createObjectNode().put("symbolic-name", symbolicName));
        return print(result, TextFormat.deployed(result));
    }

    private int cat(String path) throws IOException, AgentError {
        long handle = agent.execute("guest-file-open", JSON.createObjectNode().put("path", path).put("mode", "r"))
                .asLong();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            while (true) {
                JsonNode chunk = agent.execute("guest-file-read",
                        JSON.createObjectNode().put("handle", handle).put("count", READ_CHUNK));
                content.writeBytes(Base64.getDecoder().decode(chunk.path("buf-b64").asText("")));
                if (chunk.path("eof").asBoolean() || chunk.path("count").asLong() == 0) {
                    break;
                }
            }
        } finally {
            agent.execute("guest-file-close", JSON.createObjectNode().put("handle", handle));
        }
        if (json) {
            ObjectNode result = JSON.createObjectNode().put("path", path).put("size", content.size())
                    .put("buf-b64", Base64.getEncoder().encodeToString(content.toByteArray()));
            return print(result, null);
        }
        out.write(content.toByteArray());
        out.flush();
        return 0;
    }

    /** Waits for the program; its output goes to our stdout and stderr and its exit status becomes ours. */
    private int exec(List<String> command) throws IOException, AgentError {
        ObjectNode arguments = JSON.createObjectNode().put("path", command.get(0)).put("capture-output", true);
        ArrayNode args = arguments.putArray("arg");
        command.subList(1, command.size()).forEach(args::add);
        long pid = agent.execute("guest-exec", arguments).path("pid").asLong();
        JsonNode status;
        while (true) {
            status = agent.execute("guest-exec-status", JSON.createObjectNode().put("pid", pid));
            if (status.path("exited").asBoolean()) {
                break;
            }
            try {
                Thread.sleep(EXEC_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for pid " + pid + " in the guest");
            }
        }
        int exitStatus = exitStatusOf(status);
        if (json) {
            print(status, null);
            return exitStatus;
        }
        out.write(decode(status, "out-data"));
        out.flush();
        err.write(decode(status, "err-data"));
        if (status.path("out-truncated").asBoolean() || status.path("err-truncated").asBoolean()) {
            err.println("jqga-client: the agent truncated the program's output");
        }
        err.flush();
        return exitStatus;
    }

    static int exitStatusOf(JsonNode status) {
        if (status.has("signal")) {
            return 128 + status.path("signal").asInt();
        }
        return status.path("exitcode").asInt(0);
    }

    private static byte[] decode(JsonNode status, String field) {
        return Base64.getDecoder().decode(status.path(field).asText(""));
    }

    private int raw(String request) throws IOException {
        try {
            JSON.readTree(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("jqga-client: not JSON, not sent: " + e.getOriginalMessage());
            return Main.EXIT_USAGE;
        }
        JsonNode reply = agent.exchange(request);
        out.println(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reply) : reply.toString());
        out.flush();
        return reply.has("error") ? Main.EXIT_AGENT_ERROR : 0;
    }
}
