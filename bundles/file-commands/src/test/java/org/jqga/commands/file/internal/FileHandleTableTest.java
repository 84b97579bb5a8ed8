package org.jqga.commands.file.internal;

import static org.jqga.commands.file.internal.FileCommandsFixture.assertError;
import static org.jqga.commands.file.internal.FileCommandsFixture.openDescriptors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandleTableTest {

    @TempDir
    Path dir;

    @Test
    void handlesStartAt1000AndTheCounterIsStoredBeforeTheHandleIsReturned() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileCommandsFixture first = new FileCommandsFixture(state, 1024);
        assertEquals(1000, first.open(file, "r"));
        assertEquals("[global]\nfd_counter=1001\n", Files.readString(state.resolve("qga.state")));
        assertEquals(1001, first.open(file, "r"));
        assertEquals("[global]\nfd_counter=1002\n", Files.readString(state.resolve("qga.state")));
        first.close(1000);
        assertEquals(1002, first.open(file, "r"), "closed handles are never reused");

        first.table.closeAll();
        FileCommandsFixture restarted = new FileCommandsFixture(state, 1024);
        assertEquals(1003, restarted.open(file, "r"), "numbering continues in a new table");
        assertError("handle '1001' has not been found", () -> restarted.read(1001, null));
    }

    @Test
    void oneOpenThenANewTable() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals(1000, new FileCommandsFixture(state, 1024).open(file, "r"));
        assertEquals(1001, new FileCommandsFixture(state, 1024).open(file, "r"));
    }

    @Test
    void readsQemuGaKeyFiles() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.writeString(state.resolve("qga.state"), "# written by qemu-ga\n[other]\nfd_counter=1\n\n[global]\n"
                + "  fd_counter = 5000 \n");
        assertEquals(5000, new FileCommandsFixture(state, 1024).open(dir, "r"));

        Files.writeString(state.resolve("qga.state"), "[global]\n");
        assertEquals(1000, new FileCommandsFixture(state, 1024).open(dir, "r"), "missing key: the default");
    }

    @Test
    void corruptStateFailsOpensWithoutLeaking() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.writeString(state.resolve("qga.state"), "[global]\nfd_counter=lots\n");
        FileCommandsFixture agent = new FileCommandsFixture(state, 1024);
        long descriptors = openDescriptors(dir);
        assertError("failed to load persistent state", () -> agent.open(dir, "r"));
        assertEquals(descriptors, openDescriptors(dir));
        assertEquals(0, agent.table.openCount());
    }

    @Test
    void unwritableStateFailsOpensWithoutLeaking() throws Exception {
        FileCommandsFixture agent = new FileCommandsFixture(dir.resolve("no-such-state-dir"), 1024);
        long descriptors = openDescriptors(dir);
        assertError("failed to commit persistent state to disk", () -> agent.open(dir, "r"));
        assertEquals(descriptors, openDescriptors(dir));
        assertEquals(0, agent.table.openCount());
    }

    @Test
    void openHandlesAreLimited() throws Exception {
        FileCommandsFixture agent = new FileCommandsFixture(Files.createDirectory(dir.resolve("state")), 2);
        Path file = Files.writeString(dir.resolve("f"), "x");
        long first = agent.open(file, "r");
        agent.open(file, "r");
        long descriptors = openDescriptors(dir);
        Path created = dir.resolve("not-created");
        assertError("failed to open file '" + created + "' (mode: 'w'): too many open guest files "
                + "(the agent's limit is 2; close some with guest-file-close)", () -> agent.open(created, "w"));
        assertFalse(Files.exists(created), "refused before touching the file system");
        assertEquals(descriptors, openDescriptors(dir));
        assertEquals("[global]\nfd_counter=1002\n", Files.readString(agent.stateDir.resolve("qga.state")),
                "a refused open takes no handle number");
        agent.close(first);
        assertEquals(1002, agent.open(file, "r"));
    }

    @Test
    void failedOpensDoNotCountAgainstTheLimit() throws Exception {
        FileCommandsFixture agent = new FileCommandsFixture(Files.createDirectory(dir.resolve("state")), 1);
        for (int i = 0; i < 3; i++) {
            assertError("failed to open file '" + dir.resolve("missing") + "' (mode: 'r'): No such file or directory",
                    () -> agent.open(dir.resolve("missing"), "r"));
        }
        assertEquals(1000, agent.open(dir, "r"));
    }

    @Test
    void unknownHandleIsCheckedBeforeAnyOtherArgument() {
        FileCommandsFixture agent = new FileCommandsFixture(dir, 1024);
        assertError("handle '999' has not been found", () -> agent.read(999, -1L));
        assertError("handle '999' has not been found", () -> agent.writeB64(999, "*invalid*", 99L));
        assertError("handle '999' has not been found",
                () -> agent.flush.execute(new GuestFileFlush.Arguments(999), null));
        assertError("handle '999' has not been found", () -> agent.close(999));
    }

    @Test
    void closeAndFlush() throws Exception {
        FileCommandsFixture agent = new FileCommandsFixture(dir, 1024);
        long descriptors = openDescriptors(dir);
        long handle = agent.open(Files.writeString(dir.resolve("f"), "x"), "a");
        assertEquals(descriptors + 1, openDescriptors(dir));
        assertEquals(NoResult.INSTANCE, agent.flush.execute(new GuestFileFlush.Arguments(handle), null));
        assertEquals(NoResult.INSTANCE, agent.close.execute(new GuestFileClose.Arguments(handle), null));
        assertEquals(descriptors, openDescriptors(dir));
        assertError("handle '" + handle + "' has not been found", () -> agent.close(handle));
        assertError("handle '" + handle + "' has not been found",
                () -> agent.flush.execute(new GuestFileFlush.Arguments(handle), null));
    }

    @Test
    void deactivationClosesEveryHandle() throws Exception {
        FileCommandsFixture agent = new FileCommandsFixture(dir, 1024);
        long descriptors = openDescriptors(dir);
        Path file = Files.writeString(dir.resolve("f"), "x");
        long a = agent.open(file, "r");
        long b = agent.open(file, "a");
        assertEquals(descriptors + 2, openDescriptors(dir));
        agent.table.closeAll();
        assertEquals(descriptors, openDescriptors(dir));
        assertEquals(0, agent.table.openCount());
        assertError("handle '" + a + "' has not been found", () -> agent.read(a, null));
        assertError("handle '" + b + "' has not been found", () -> agent.write(b, new byte[] {1}));
    }
}
