package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static AgentConfig parsed(String... args) {
        AgentConfig config = new AgentConfig();
        CommandLine.Action action = CommandLine.apply(args, config);
        assertInstanceOf(CommandLine.Action.Proceed.class, action, () -> "unexpected " + action);
        return config;
    }

    private static String rejection(String... args) {
        CommandLine.Action action = CommandLine.apply(args, new AgentConfig());
        return assertInstanceOf(CommandLine.Action.Reject.class, action).diagnostic();
    }

    @Test
    void everyShortOptionWithSeparateArguments() {
        AgentConfig c = parsed("-m", "unix-listen", "-p", "/s", "-l", "/log", "-f", "/pid", "-t", "/state",
                "-v", "-d", "-D", "-r", "-b", "x", "-a", "y", "-F/hook", "-c", "/conf");
        assertEquals("unix-listen", c.method);
        assertEquals("/s", c.path);
        assertEquals("/log", c.logfile);
        assertEquals("/pid", c.pidfile);
        assertTrue(c.pidfileExplicit);
        assertEquals("/state", c.statedir);
        assertTrue(c.verbose);
        assertTrue(c.daemonize);
        assertTrue(c.dumpConf);
        assertTrue(c.retryPath);
        assertEquals(List.of("x"), c.blockRpcs);
        assertEquals(List.of("y"), c.allowRpcs);
        assertEquals("/hook", c.fsfreezeHook);
    }

    @Test
    void everyLongOptionWithEqualsAndSeparateArguments() {
        AgentConfig c = parsed("--method=isa-serial", "--path", "/dev/ttyS1", "--logfile=/l", "--pidfile", "/p",
                "--statedir=/t", "--verbose", "--daemonize", "--dump-conf", "--retry-path", "--block-rpcs=a",
                "--allow-rpcs", "b", "--fsfreeze-hook=/h", "--config", "/c");
        assertEquals("isa-serial", c.method);
        assertEquals("/dev/ttyS1", c.path);
        assertEquals("/l", c.logfile);
        assertEquals("/p", c.pidfile);
        assertEquals("/t", c.statedir);
        assertTrue(c.verbose && c.daemonize && c.dumpConf && c.retryPath);
        assertEquals(List.of("a"), c.blockRpcs);
        assertEquals(List.of("b"), c.allowRpcs);
        assertEquals("/h", c.fsfreezeHook);
    }

    @Test
    void clustersAndAttachedArguments() {
        AgentConfig c = parsed("-vdr", "-p/x", "-vmunix-listen");
        assertTrue(c.verbose && c.daemonize && c.retryPath);
        assertEquals("/x", c.path);
        assertEquals("unix-listen", c.method);
    }

    @Test
    void aRequiredArgumentIsTakenEvenIfItLooksLikeAnOption() {
        assertEquals("-t", parsed("-p", "-t").path);
        assertEquals("--verbose", parsed("--path", "--verbose").path);
    }

    @Test
    void fsfreezeHookArgumentMustBeAttached() {
        assertEquals(AgentConfig.DEFAULT_FSFREEZE_HOOK, parsed("-F").fsfreezeHook);
        assertEquals(AgentConfig.DEFAULT_FSFREEZE_HOOK, parsed("-F", "/not/mine").fsfreezeHook);
        assertEquals(AgentConfig.DEFAULT_FSFREEZE_HOOK, parsed("--fsfreeze-hook", "/not/mine").fsfreezeHook);
        assertEquals("/x", parsed("-vF/x").fsfreezeHook);
        assertEquals("", parsed("--fsfreeze-hook=").fsfreezeHook);
    }

    @Test
    void laterScalarsWinAndListsAccumulateInQemuOrder() {
        AgentConfig c = parsed("-m", "a", "-m", "isa-serial", "-b", "a,b", "-b", "c", "-b", "", "-b", "x,");
        assertEquals("isa-serial", c.method);
        assertEquals(List.of("b", "a", "c", "", "x"), c.blockRpcs);
    }

    @Test
    void doubleDashEndsOptionsAndOperandsAreIgnored() {
        AgentConfig c = parsed("stray", "-v", "-", "--", "-x", "--bogus");
        assertTrue(c.verbose);
    }

    @Test
    void uniqueLongPrefixesAreAccepted() {
        AgentConfig c = parsed("--verb", "--pidf=/p", "--re", "--dump");
        assertTrue(c.verbose && c.retryPath && c.dumpConf);
        assertEquals("/p", c.pidfile);
    }

    @Test
    void getoptDiagnosticsMatchGlibc() {
        assertEquals("jqga: unrecognized option '--foo'\n", rejection("--foo"));
        assertEquals("jqga: unrecognized option '--foo=bar'\n", rejection("--foo=bar"));
        assertEquals("jqga: invalid option -- 'x'\n", rejection("-x"));
        assertEquals("jqga: invalid option -- 'q'\n", rejection("-vdrq"));
        assertEquals("jqga: invalid option -- ':'\n", rejection("-:"));
        assertEquals("jqga: option requires an argument -- 'p'\n", rejection("-p"));
        assertEquals("jqga: option requires an argument -- 'm'\n", rejection("-vm"));
        assertEquals("jqga: option '--path' requires an argument\n", rejection("--path"));
        assertEquals("jqga: option '--statedir' requires an argument\n", rejection("-D", "--statedir"));
        assertEquals("jqga: option '--verbose' doesn't allow an argument\n", rejection("--verbose=1"));
        assertEquals("jqga: option '--verbose' doesn't allow an argument\n", rejection("--verb=1"));
        assertEquals("jqga: option '--ver' is ambiguous; possibilities: '--version' '--verbose'\n",
                rejection("--ver"));
        assertEquals("jqga: option '--ver=1' is ambiguous; possibilities: '--version' '--verbose'\n",
                rejection("--ver=1"));
        assertEquals("jqga: option '--d' is ambiguous; possibilities: '--dump-conf' '--daemonize'\n",
                rejection("--d"));
        assertEquals("Unknown option, try 'jqga --help' for more information.\n", CommandLine.unknownOptionHint());
    }

    @Test
    void optionsActInOrderSoAnEarlierExitWinsOverALaterError() {
        assertInstanceOf(CommandLine.Action.ShowVersion.class, CommandLine.apply(new String[] {"-V", "--foo"},
                new AgentConfig()));
        assertInstanceOf(CommandLine.Action.Reject.class, CommandLine.apply(new String[] {"--foo", "-V"},
                new AgentConfig()));
        assertInstanceOf(CommandLine.Action.ShowUsage.class, CommandLine.apply(new String[] {"-h", "-x"},
                new AgentConfig()));
        assertInstanceOf(CommandLine.Action.ShowVersion.class, CommandLine.apply(new String[] {"--version"},
                new AgentConfig()));
        assertInstanceOf(CommandLine.Action.ShowUsage.class, CommandLine.apply(new String[] {"--help"},
                new AgentConfig()));
    }

    @Test
    void helpAsTheWholeListValueListsCommands() {
        for (String[] args : List.of(new String[] {"-b", "help"}, new String[] {"-b", "?"},
                new String[] {"-a", "help"}, new String[] {"--allow-rpcs=?"}, new String[] {"-bhelp"})) {
            assertInstanceOf(CommandLine.Action.ListCommands.class, CommandLine.apply(args, new AgentConfig()));
        }
        assertEquals(List.of("help", "guest-ping"), parsed("-b", "guest-ping,help").blockRpcs);
    }

    @Test
    void configPathIsTheLastDashCAndIgnoresErrors() {
        assertEquals("/b", CommandLine.configPath(new String[] {"-c", "/a", "--config=/b", "-v"}));
        assertEquals("/a", CommandLine.configPath(new String[] {"-c/a", "--bogus"}));
        assertNull(CommandLine.configPath(new String[] {"-v"}));
    }

    @Test
    void pidfileFromDefaultsIsNotExplicit() throws StartupException {
        AgentConfig c = parsed();
        c.applyDefaults();
        assertEquals(AgentConfig.DEFAULT_PIDFILE, c.pidfile);
        assertFalse(c.pidfileExplicit);
    }
}
