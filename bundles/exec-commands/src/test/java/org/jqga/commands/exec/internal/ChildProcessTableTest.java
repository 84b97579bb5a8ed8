package org.jqga.commands.exec.internal;

import static org.jqga.commands.exec.internal.ExecFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jnr.constants.platform.Signal;
import org.jqga.posix.Posix;
import org.junit.jupiter.api.Test;

class ChildProcessTableTest {

    private static final String TOO_MANY = "too many guest-exec processes (the agent's limit is 2; running ones count, "
            + "and so do finished ones until guest-exec-status has reported them)";

    @Test
    void theTableIsBoundedAndFreesSlotsOnReport() throws Exception {
        try (ExecFixture agent = new ExecFixture(2, Duration.ofSeconds(600), Duration.ofMillis(50))) {
            long first = agent.sh("sleep 30", null);
            long second = agent.sh("exit 4", "true");
            assertError(TOO_MANY, () -> agent.sh("exit 0", null));
            // a finished entry still counts until it is reported
            Thread.sleep(300);
            assertError(TOO_MANY, () -> agent.sh("exit 0", null));
            assertEquals(4, agent.awaitExit(second).exitcode());
            long third = agent.sh("exit 5", null);
            assertError(TOO_MANY, () -> agent.sh("exit 0", null));
            kill(first);
            assertEquals(9, agent.awaitExit(first).signal());
            assertEquals(5, agent.awaitExit(third).exitcode());
            assertEquals(0, agent.table.size());
        }
    }

    @Test
    void finishedEntriesNobodyAsksAboutExpire() throws Exception {
        try (ExecFixture agent = new ExecFixture(2, Duration.ofMillis(300), Duration.ofMillis(50))) {
            long pid = agent.sh("echo lost", "true");
            long running = agent.sh("sleep 30", null);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (agent.table.child(pid) != null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertError("PID " + pid + " does not exist", () -> agent.status(pid));
            // a running process never expires, however long it runs
            assertFalse(agent.status(running).exited());
            agent.sh("exit 0", null);
            kill(running);
            assertEquals(9, agent.awaitExit(running).signal());
        }
    }

    @Test
    void exitedChildrenAreReapedWithoutAnyStatusCall() throws Exception {
        try (ExecFixture agent = new ExecFixture(4, Duration.ofSeconds(600), Duration.ofMillis(50))) {
            long pid = agent.sh("exit 0", null);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (isZombieOrAlive(pid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(isZombieOrAlive(pid), "the sweeper reaped it");
            assertEquals(0, agent.awaitExit(pid).exitcode());
        }
    }

    @Test
    void closingLeavesChildrenRunningAndStopsEveryThread() throws Exception {
        ExecFixture agent = new ExecFixture();
        long pid = agent.start("sh", List.of("-c", "sleep 30"), null, new byte[1024 * 1024], "true");
        Thread.sleep(200);
        assertTrue(threadNames().stream().anyMatch(name -> name.startsWith("jqga-exec-" + pid)));
        agent.close();
        assertTrue(isZombieOrAlive(pid) && !isZombie(pid), "the child still runs");
        Set<String> left = threadNames().stream().filter(name -> name.startsWith("jqga-exec")).collect(Collectors.toSet());
        assertEquals(Set.of(), left);
        assertError("guest-exec is shutting down", () -> agent.sh("exit 0", null));
        // clean up our own child
        kill(pid);
        Posix.jnr().waitpid(pid, new int[1], 0);
    }

    private static void kill(long pid) {
        Posix.jnr().kill(pid, Signal.SIGKILL.intValue());
    }

    private static boolean isZombieOrAlive(long pid) {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + pid));
    }

    private static boolean isZombie(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
