package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests: their replies leave in one write, yet a slow handler never holds back the replies before it;
 * non-blocking commands run on the channel's thread.
 */
class ReplyBatchingTest {

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstWrite = new CountDownLatch(1);
    private final CommandRunner runner = new CommandRunner(30_000, 2);

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private EngineSession session(MapDirectory directory) {
        RequestDispatcher dispatcher = new RequestDispatcher(directory, (command, origin) -> null, new ResultMapper(), runner);
        return new EngineSession(dispatcher, reply -> {
            byte[] bytes = new byte[reply.remaining()];
            reply.get(bytes);
            writes.add(new String(bytes, StandardCharsets.ISO_8859_1));
            firstWrite.countDown();
        });
    }

    private static void receive(EngineSession session, String input) throws Exception {
        session.receive(ByteBuffer.wrap(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void repliesToPipelinedRequestsLeaveInOneWrite() throws Exception {
        // handlers on a worker may or may not finish within the spin (then earlier replies are flushed first): only
        // non-blocking ones make the count of writes certain
        EngineSession session = session(new MapDirectory()
                .addNonBlocking("guest-ping", NoArguments.class, (a, c) -> NoResult.INSTANCE)
                .addNonBlocking("guest-sync", NoArguments.class, (a, c) -> 7));
        receive(session, "{\"execute\":\"guest-ping\"}{\"execute\":\"guest-sync\"}{\"execute\":\"guest-ping\"}");
        assertEquals(List.of("{\"return\": {}}\n{\"return\": 7}\n{\"return\": {}}\n"), writes);
    }

    @Test
    void aSlowHandlerDoesNotHoldBackTheRepliesBeforeIt() throws Exception {
        EngineSession session = session(new MapDirectory()
                .add("guest-ping", NoArguments.class, (a, c) -> NoResult.INSTANCE)
                // answers whether the ping's reply reached the host while it was still running
                .add("slow", NoArguments.class, (a, c) -> {
                    try {
                        return firstWrite.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
        receive(session, "{\"execute\":\"guest-ping\"}{\"execute\":\"slow\"}");
        assertEquals(List.of("{\"return\": {}}\n", "{\"return\": true}\n"), writes);
    }

    @Test
    void nonBlockingCommandsRunOnTheChannelThreadAndOthersOnAWorker() throws Exception {
        String channel = Thread.currentThread().getName();
        EngineSession session = session(new MapDirectory()
                .addNonBlocking("here", NoArguments.class, (a, c) -> Thread.currentThread().getName())
                .add("there", NoArguments.class, (a, c) -> Thread.currentThread().getName()));
        receive(session, "{\"execute\":\"here\"}");
        receive(session, "{\"execute\":\"there\"}");
        assertEquals("{\"return\": \"" + channel + "\"}\n", writes.get(0));
        assertNotEquals("{\"return\": \"" + channel + "\"}\n", writes.get(1));
    }
}
