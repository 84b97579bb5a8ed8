package org.jqga.engine.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jqga.api.ErrorClass;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.api.transport.SessionOrigin;
import org.jqga.engine.internal.json.QmpJsonWriter;
import org.jqga.engine.internal.json.QmpStreamParser;

/** One host conversation: its own parser, requests run in arrival order, replies one per line. */
final class EngineSession implements ProtocolSession, QmpStreamParser.Listener {

    /** The byte that tells a client to drop what it read so far (guest-sync-delimited). */
    private static final int DELIMITER = 0xFF;

    private final QmpStreamParser parser;
    private final RequestDispatcher dispatcher;
    private final ReplyStream replyStream;
    private final QmpJsonWriter replyWriter;
    /** Made once: a method reference made per request costs an allocation through a method handle in C1 code. */
    private final Runnable flushBeforeWaiting = this::flush;
    /** The host's side went away while a reply was written; the session reports it with its next reply. */
    private IOException flushFailure;
    private final SessionOrigin origin;
    private final IdleHeapTrim heapTrim;

    EngineSession(RequestDispatcher dispatcher, ReplySink sink) {
        this(dispatcher, sink, SessionOrigin.HOST);
    }

    EngineSession(RequestDispatcher dispatcher, ReplySink sink, SessionOrigin origin) {
        this(dispatcher, sink, origin, IdleHeapTrim.NONE);
    }

    EngineSession(RequestDispatcher dispatcher, ReplySink sink, SessionOrigin origin, IdleHeapTrim heapTrim) {
        this.dispatcher = dispatcher;
        this.parser = new QmpStreamParser(dispatcher.decodeBuffers());
        this.replyStream = new ReplyStream(reply -> {
            heapTrim.moved(reply.remaining());
            sink.send(reply);
        });
        this.replyWriter = QmpJsonWriter.to(replyStream);
        this.origin = origin;
        this.heapTrim = heapTrim;
    }

    /**
     * Replies are held back while more requests of the same input are waiting and the handlers answer at once, so a
     * host that pipelines gets them in one write; everything is written before this returns, and before the session
     * waits for a slow handler or a command being swapped.
     */
    @Override
    public void receive(ByteBuffer input) throws IOException {
        heapTrim.moved(input.remaining());
        try {
            parser.feed(input, this);
            flush();
            if (flushFailure != null) {
                throw flushFailure;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void reset() {
        parser.reset();
    }

    @Override
    public void value(JsonNode request) {
        RequestDispatcher.Reply reply;
        try {
            reply = dispatcher.dispatch(request, origin, flushBeforeWaiting);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // one oversized or too deep request must cost its own reply, not the host's channel
            reply = RequestDispatcher.Reply.error(request.get("id"), ErrorClass.GenericError,
                    "the agent could not process the request: " + e);
        }
        send(reply);
    }

    @Override
    public void error(String desc) {
        send(RequestDispatcher.parseError(desc));
    }

    private void send(RequestDispatcher.Reply reply) {
        try {
            write(reply);
        } finally {
            reply.written().run();
        }
    }

    private void write(RequestDispatcher.Reply reply) {
        if (reply.body() == null) {
            return;
        }
        if (flushFailure != null) {
            throw new UncheckedIOException(flushFailure);
        }
        try {
            if (reply.delimited()) {
                replyStream.write(DELIMITER);
            }
            replyWriter.write(reply.body());
            replyStream.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Never throws: it also runs inside the command runner, which must not be interrupted half-way. */
    private void flush() {
        if (flushFailure != null) {
            return;
        }
        try {
            replyStream.flush();
        } catch (IOException e) {
            flushFailure = e;
        }
    }
}
