package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handlers under a deadline: results, failures, a hung handler, and the bound on abandoned threads. */
class CommandRunnerTest {

    private final AtomicInteger released = new AtomicInteger();
    private CommandRunner runner = new CommandRunner(300, 2);

    @AfterEach
    void tearDown() {
        runner.close();
    }

    @Test
    void returnsTheResultOnAReusedWorkerAndReleasesOnce() throws Exception {
        String first = (String) runner.run("a", () -> Thread.currentThread().getName(), released::incrementAndGet);
        String second = (String) runner.run("a", () -> Thread.currentThread().getName(), released::incrementAndGet);
        assertEquals(first, second, "one worker serves request after request");
        assertNotEquals(Thread.currentThread().getName(), first, "not the caller's thread");
        assertEquals(2, released.get());
    }

    @Test
    void aCommandExceptionPassesThroughAndAnyOtherFailureIsAGenericError() {
        CommandException own = assertThrows(CommandException.class, () -> runner.run("a",
                () -> {
                    throw CommandException.genericError("no such file");
                }, released::incrementAndGet));
        assertEquals("no such file", own.desc());
        CommandException bug = assertThrows(CommandException.class, () -> runner.run("b",
                () -> {
                    throw new IllegalStateException("bug");
                }, released::incrementAndGet));
        assertEquals(ErrorClass.GenericError, bug.errorClass());
        assertEquals("command b failed: java.lang.IllegalStateException: bug", bug.desc());
        assertEquals(2, released.get());
    }

    @Test
    void aFailingHandlerGivesItsWorkerBackForTheNextRequest() throws Exception {
        java.util.Set<Thread> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            assertThrows(CommandException.class, () -> runner.run("a", () -> {
                workers.add(Thread.currentThread());
                throw CommandException.genericError("handle '1' has not been found");
            }, released::incrementAndGet));
            assertThrows(CommandException.class, () -> runner.run("a", () -> {
                workers.add(Thread.currentThread());
                throw new IllegalStateException("a faulty bundle");
            }, released::incrementAndGet));
        }
        runner.run("a", () -> workers.add(Thread.currentThread()), released::incrementAndGet);
        assertEquals(1, workers.size(), "error replies must not cost a thread each: " + workers);
        assertEquals(101, released.get());
    }

    @Test
    void aHungHandlerTimesOutAndTheNextCommandRunsOnAFreshWorker() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch hungDone = new CountDownLatch(1);
        AtomicInteger hungReleased = new AtomicInteger();
        long start = System.nanoTime();
        CommandException timeout = assertThrows(CommandException.class, () -> runner.run("hang", () -> {
            try {
                // ignores interrupts, as a badly written handler would
                while (!never.await(10, TimeUnit.SECONDS)) {
                }
            } catch (InterruptedException e) {
                never.await();
            }
            return null;
        }, () -> {
            hungReleased.incrementAndGet();
            hungDone.countDown();
        }));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("command hang timed out after 300 ms", timeout.desc());
        assertTrue(waited >= 290 && waited < 2_000, "waited " + waited + " ms");
        assertEquals(0, hungReleased.get(), "the service stays held while its handler runs");
        assertEquals(1, runner.abandonedWorkers());

        assertEquals("ok", runner.run("ping", () -> "ok", released::incrementAndGet));

        never.countDown();
        assertTrue(hungDone.await(5, TimeUnit.SECONDS));
        assertEquals(1, hungReleased.get(), "released once the handler returned");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runner.abandonedWorkers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, runner.abandonedWorkers(), "the abandoned thread ended");
    }

    @Test
    void abandonedWorkersAreBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            assertThrows(CommandException.class, () -> runner.run("hang", () -> {
                release.await();
                return null;
            }, released::incrementAndGet));
        }
        // interrupt ended await() at once, so wait for both to finish counting down
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runner.abandonedWorkers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, runner.abandonedWorkers(), "an interruptible handler ends when abandoned");

        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            assertThrows(CommandException.class, () -> runner.run("stuck", () -> {
                while (true) {
                    try {
                        never.await();
                        return null;
                    } catch (InterruptedException ignored) {
                        // deaf to interrupts
                    }
                }
            }, released::incrementAndGet));
        }
        assertEquals(2, runner.abandonedWorkers());
        CommandException refused = assertThrows(CommandException.class,
                () -> runner.run("ping", () -> "ok", released::incrementAndGet));
        assertEquals("command ping not run: 2 timed-out command handlers are still running", refused.desc());
        never.countDown();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runner.abandonedWorkers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("ok", runner.run("ping", () -> "ok", released::incrementAndGet));
    }

    @Test
    void theChannelThreadStopsSpinningForACommandThatOutlastedTheSpin() throws Exception {
        assertTrue(runner.spinsFor("slow"), "a command not run yet is spun for");
        assertEquals("done", runner.run("slow", () -> {
            Thread.sleep(5);
            return "done";
        }, released::incrementAndGet));

        assertFalse(runner.spinsFor("slow"));
        assertTrue(runner.spinsFor("other"));
        assertEquals("quick", runner.run("slow", () -> "quick", released::incrementAndGet), "still answered");
    }

    @Test
    void aCommandThatIsQuickAgainIsSpunForAgain() {
        runner.learnRunTime("a", 5_000_000);
        assertFalse(runner.spinsFor("a"));
        runner.learnRunTime("a", 20_000);
        assertTrue(runner.spinsFor("a"));
    }

    @Test
    void inlineRunsOnTheCallersThread() throws Exception {
        runner = CommandRunner.inline();
        assertEquals(Thread.currentThread().getName(), runner.run("a", () -> Thread.currentThread().getName(), released::incrementAndGet));
        assertEquals(1, released.get());
    }
}
