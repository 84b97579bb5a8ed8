package org.jqga.engine.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jqga.api.Command;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.jqga.api.transport.SessionOrigin;
import org.jqga.engine.internal.audit.RequestAudit;
import org.jqga.engine.internal.binding.ArgumentBinder;
import org.jqga.engine.internal.json.DecodeBuffers;
import org.jqga.engine.internal.json.DecodedBase64Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one parsed request into its reply, checking in qemu-ga's order: envelope members, command
 * lookup, policy, arguments, then the handler (spec §2.3).
 */
final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final long UNREGISTERING_SETTLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

    private final CommandDirectory directory;
    private final CommandGate gate;
    private final ResultMapper results;
    private final CommandRunner runner;
    private final RequestAudit audit;
    private final LentBuffers lent;

    RequestDispatcher(CommandDirectory directory, CommandGate gate, ResultMapper results) {
        this(directory, gate, results, CommandRunner.inline());
    }

    RequestDispatcher(CommandDirectory directory, CommandGate gate, ResultMapper results, CommandRunner runner) {
        this(directory, gate, results, runner, RequestAudit.NONE, new LentBuffers());
    }

    RequestDispatcher(CommandDirectory directory, CommandGate gate, ResultMapper results, CommandRunner runner,
                      RequestAudit audit, LentBuffers lent) {
        this.directory = directory;
        this.gate = gate;
        this.results = results;
        this.runner = runner;
        this.audit = audit;
        this.lent = lent;
    }

    /** The reply to a value the parser produced; {@link Reply#NONE} for a no-reply success. Audited. */
    Reply dispatch(JsonNode request, SessionOrigin origin) {
        return dispatch(request, origin, () -> { });
    }

    /**
     * As {@link #dispatch(JsonNode, SessionOrigin)}; {@code beforeWaiting} runs before anything that may take a while
     * (a handler still running after a short spin, the wait for a command being swapped), so the session can flush
     * first.
     */
    Reply dispatch(JsonNode request, SessionOrigin origin, Runnable beforeWaiting) {
        RequestAudit.Trace trace = audit.begin(request, origin);
        Reply reply = answer(request, origin, beforeWaiting);
        audit.complete(trace, reply.body());
        return reply;
    }

    private Reply answer(JsonNode request, SessionOrigin origin, Runnable beforeWaiting) {
        if (!request.isObject()) {
            return Reply.error(null, ErrorClass.GenericError, "QMP input must be a JSON object");
        }
        JsonNode id = request.get("id");
        try {
            return execute((ObjectNode) request, id, origin, beforeWaiting);
        } catch (CommandException e) {
            return Reply.error(id, e.errorClass(), e.desc());
        }
    }

    private Reply execute(ObjectNode request, JsonNode id, SessionOrigin origin, Runnable beforeWaiting)
            throws CommandException {
        checkMembers(request);
        JsonNode execute = request.get("execute");
        if (execute == null) {
            throw CommandException.genericError("QMP input lacks member 'execute'");
        }
        String name = execute.textValue();
        CommandLease lease = null;
        // A service can still be listed while it is being unregistered (getService then gives null, and the
        // registry hears of the removal a moment later): such a command is retried until it is gone, and then
        // waited for like any absent one, within a bounded time.
        long settleDeadline = System.nanoTime() + UNREGISTERING_SETTLE_NANOS;
        while (lease == null) {
            CommandDescriptor descriptor = directory.describe(name);
            if (descriptor == null) {
                beforeWaiting.run();
                descriptor = awaitReturn(name);
            }
            if (descriptor == null) {
                throw CommandException.commandNotFound(name);
            }
            String refusal = gate.refusal(descriptor, origin);
            if (refusal != null) {
                throw new CommandException(ErrorClass.CommandNotFound, refusal);
            }
            lease = directory.acquire(name);
            if (lease == null) {
                if (System.nanoTime() - settleDeadline > 0) {
                    throw CommandException.commandNotFound(name);
                }
                pause();
            }
        }
        RequestContext context = new RequestContext(lent);
        JsonNode arguments = request.get("arguments");
        context.borrowDecoded(arguments);
        Object result = run(lease, arguments, context, name, beforeWaiting);
        if (!lease.descriptor().successResponse()) {
            context.giveBack();
            return Reply.NONE;
        }
        return Reply.success(id, results.toTree(result), context.delimited(), context::giveBack);
    }

    /** A command absent right now, if it is only being swapped: bounded wait, see CommandRegistry. */
    private CommandDescriptor awaitReturn(String name) throws CommandException {
        try {
            return directory.awaitReturn(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandException.commandNotFound(name);
        }
    }

    /**
     * Binds the arguments here, then runs the handler through the runner (deadline, own thread); the
     * lease is given back once the handler has returned, also when the runner stopped waiting for it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object run(CommandLease lease, JsonNode arguments, RequestContext context, String name,
                       Runnable beforeWaiting) throws CommandException {
        Object bound;
        try {
            bound = ArgumentBinder.bind(arguments, lease.argumentsType());
        } catch (CommandException | RuntimeException e) {
            lease.close();
            throw e;
        }
        Command command = lease.command();
        if (lease.descriptor().nonBlocking()) {
            return runner.runHere(name, () -> command.execute(bound, context), lease.release());
        }
        return runner.run(name, () -> command.execute(bound, context), lease.release(), beforeWaiting);
    }

    private static void pause() throws CommandException {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandException.genericError("interrupted while the command was being replaced");
        }
    }

    /** Step 3 of §2.3: each member in request order, the first problem wins. */
    private static void checkMembers(ObjectNode request) throws CommandException {
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            switch (member.getKey()) {
                case "execute" -> {
                    if (!member.getValue().isTextual()) {
                        throw CommandException.genericError("QMP input member 'execute' must be a string");
                    }
                }
                case "arguments" -> {
                    if (!member.getValue().isObject()) {
                        throw CommandException.genericError("QMP input member 'arguments' must be an object");
                    }
                }
                case "id" -> {
                }
                default -> throw CommandException.genericError("QMP input member '" + member.getKey() + "' is unexpected");
            }
        }
    }

    /** Where the parser decodes large base64 arguments to: buffers lent until their request is done. */
    DecodeBuffers decodeBuffers() {
        return lent;
    }

    /** The reply to input the parser rejected: never carries an id. */
    static Reply parseError(String desc) {
        return Reply.error(null, ErrorClass.GenericError, desc);
    }

    private static final class RequestContext implements org.jqga.api.CommandContext {
        private final LentBuffers lent;
        private final List<ByteBuffer> lentHere = new ArrayList<>(1);
        private boolean delimited;

        RequestContext(LentBuffers lent) {
            this.lent = lent;
        }

        @Override
        public void delimitReply() {
            delimited = true;
        }

        @Override
        public synchronized ByteBuffer lendBuffer(int capacity) {
            ByteBuffer buffer = lent.lend(capacity);
            lentHere.add(buffer);
            return buffer;
        }

        boolean delimited() {
            return delimited;
        }

        /**
         * The lent arrays the parser decoded this request's base64 arguments to go back with the buffers lent to
         * its result. Left to the collector, as those are, if the command fails or is abandoned: it may still hold
         * them.
         */
        synchronized void borrowDecoded(JsonNode arguments) {
            if (arguments == null) {
                return;
            }
            for (JsonNode value : arguments) {
                if (value instanceof DecodedBase64Node decoded && decoded.lentBuffer() != null) {
                    lentHere.add(decoded.lentBuffer());
                }
            }
        }

        /** Only once the reply is out, or when there is none: before, the reply still reads from them. */
        synchronized void giveBack() {
            lentHere.forEach(lent::giveBack);
            lentHere.clear();
        }
    }

    /**
     * A reply ready for the wire; {@code body} is null for {@link #NONE}. {@code written} runs once it has been
     * written (or could not be), to give back what its result borrowed.
     */
    record Reply(ObjectNode body, boolean delimited, Runnable written) {

        static final Reply NONE = new Reply(null, false, () -> { });

        static Reply success(JsonNode id, JsonNode value, boolean delimited, Runnable written) {
            ObjectNode body = NODES.objectNode();
            body.set("return", value);
            if (id != null) {
                body.set("id", id);
            }
            return new Reply(body, delimited, written);
        }

        static Reply error(JsonNode id, ErrorClass errorClass, String desc) {
            ObjectNode body = NODES.objectNode();
            ObjectNode error = body.putObject("error");
            error.put("class", errorClass.name());
            error.put("desc", desc);
            if (id != null) {
                body.set("id", id);
            }
            return new Reply(body, false, () -> { });
        }
    }
}
