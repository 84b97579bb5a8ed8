package org.jqga.engine.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.engine.internal.json.QmpJsonWriter;
import org.jqga.engine.internal.json.QmpStreamParser;

/** One host conversation: its own parser, requests run in arrival order, replies one per line. */
final class EngineSession implements ProtocolSession, QmpStreamParser.Listener {

    /** The byte that tells a client to drop what it read so far (guest-sync-delimited). */
    private static final int DELIMITER = 0xFF;

    private final QmpStreamParser parser = new QmpStreamParser();
    private final RequestDispatcher dispatcher;
    private final ReplySink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    EngineSession(RequestDispatcher dispatcher, ReplySink sink) {
        this.dispatcher = dispatcher;
        this.sink = sink;
    }

    @Override
    public void receive(ByteBuffer input) throws IOException {
        try {
            parser.feed(input, this);
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
        send(dispatcher.dispatch(request));
    }

    @Override
    public void error(String desc) {
        send(RequestDispatcher.parseError(desc));
    }

    private void send(RequestDispatcher.Reply reply) {
        if (reply.body() == null) {
            return;
        }
        line.reset();
        if (reply.delimited()) {
            line.write(DELIMITER);
        }
        try {
            QmpJsonWriter.write(reply.body(), line);
            line.write('\n');
            sink.send(ByteBuffer.wrap(line.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
