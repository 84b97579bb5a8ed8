package org.jqga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {

    @Test
    void readsOptionsThenSubcommandThenOperands() throws Exception {
        Invocation invocation = ArgumentParser.parse(new String[] {"-s", "/tmp/a.sock", "--json", "-t", "5",
                "exec", "/bin/ls", "-l", "--json"});
        assertEquals(Path.of("/tmp/a.sock"), invocation.socket());
        assertTrue(invocation.json());
        assertEquals(Duration.ofSeconds(5), invocation.timeout());
        assertEquals(Subcommand.EXEC, invocation.subcommand());
        assertEquals(List.of("/bin/ls", "-l", "--json"), invocation.operands(), "after the subcommand all is operand");
    }

    @Test
    void acceptsLongOptionsWithEqualsSign() throws Exception {
        Invocation invocation = ArgumentParser.parse(new String[] {"--socket=/run/x", "--timeout=7", "ping"});
        assertEquals(Path.of("/run/x"), invocation.socket());
        assertEquals(Duration.ofSeconds(7), invocation.timeout());
        assertEquals(Invocation.DEFAULT_TIMEOUT, ArgumentParser.parse(new String[] {"-s", "x", "info"}).timeout());
    }

    @Test
    void helpWinsOverEverythingElse() throws Exception {
        assertNull(ArgumentParser.parse(new String[] {"--help"}));
        assertNull(ArgumentParser.parse(new String[] {"-s", "x", "-h", "ping"}));
        assertTrue(ArgumentParser.usage().contains("policy-explain"));
    }

    @Test
    void refusesWhatItCannotUnderstand() {
        assertMessage("no agent socket given: -s PATH (or -A for the admin socket)", "ping");
        assertMessage("no subcommand given", "-s", "x");
        assertMessage("unknown subcommand frobnicate", "-s", "x", "frobnicate");
        assertMessage("unknown option --frob", "--frob", "ping");
        assertMessage("-s needs a value", "-s");
        assertMessage("the timeout must be a positive number of seconds: 0", "-t", "0", "ping");
        assertMessage("cat: print a file of the guest: cat GUEST-PATH", "-s", "x", "cat");
        assertMessage("cat: print a file of the guest: cat GUEST-PATH", "-s", "x", "cat", "a", "b");
        assertMessage("ping: check that the agent answers", "-s", "x", "ping", "extra");
    }

    @Test
    void mapsProblemsToExitStatuses() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errStream = new java.io.PrintStream(err, true);
        java.io.PrintStream out = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true);
        assertEquals(Main.EXIT_USAGE, Main.run(new String[] {"bogus"}, out, errStream));
        assertEquals(Main.EXIT_NO_AGENT, Main.run(new String[] {"-s", "/nonexistent/agent.sock", "ping"}, out,
                errStream));
        assertTrue(err.toString().contains("cannot connect to /nonexistent/agent.sock"), err.toString());
        assertEquals(0, Main.run(new String[] {"--help"}, out, errStream));
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentParser.parse(args));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void adminTalksToTheAdminSocketUnlessASocketIsGiven() throws Exception {
        Invocation admin = ArgumentParser.parse(new String[] {"-A", "bundle-install", "/tmp/x.jar"});
        assertEquals(ArgumentParser.DEFAULT_ADMIN_SOCKET, admin.socket());
        assertEquals(Subcommand.BUNDLE_INSTALL, admin.subcommand());
        assertEquals(Path.of("/tmp/a.sock"),
                ArgumentParser.parse(new String[] {"--admin", "-s", "/tmp/a.sock", "bundle-remove", "org.x"}).socket());
        assertTrue(ArgumentParser.usage().contains("-A, --admin          jqga's admin socket (root only), by default "
                + ArgumentParser.DEFAULT_ADMIN_SOCKET));
        assertMessage("bundle-rollback: put back a deployed bundle's previous version: bundle-rollback SYMBOLIC-NAME",
                "-A", "bundle-rollback");
    }
}
