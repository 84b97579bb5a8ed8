package org.jqga.transport.virtio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.api.transport.SessionOrigin;

/**
 * A stand-in engine: every complete line is a request, answered with "session N: line\n". The
 * session number shows which session served a request, the line buffer whether partial input leaks.
 */
final class LineEchoEngine implements ProtocolEngine {

    private final AtomicInteger sessions = new AtomicInteger();
    /** Requests in the order they were answered, as "session N: line". */
    final BlockingQueue<String> answered = new LinkedBlockingQueue<>();

    @Override
    public ProtocolSession openSession(ReplySink sink, SessionOrigin origin) {
        int number = sessions.incrementAndGet();
        return new ProtocolSession() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void receive(ByteBuffer input) throws IOException {
                while (input.hasRemaining()) {
                    byte b = input.get();
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String reply = "session " + number + ": " + line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    sink.send(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
                    answered.add(reply);
                }
            }

            @Override
            public void reset() {
                line.reset();
            }
        };
    }

    int sessionsOpened() {
        return sessions.get();
    }
}
