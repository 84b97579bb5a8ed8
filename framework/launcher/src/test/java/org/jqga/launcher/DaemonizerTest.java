package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonizerTest {

    @TempDir
    Path dir;

    private static AgentConfig merged(String... args) throws StartupException {
        AgentConfig config = new AgentConfig();
        assertInstanceOf(CommandLine.Action.Proceed.class, CommandLine.apply(args, config));
        config.applyDefaults();
        return config;
    }

    @Test
    void childGetsTheSameSettingsWithAbsolutePaths() throws StartupException {
        AgentConfig parent = merged("-d", "-m", "unix-listen", "-p", "rel.sock", "-l", "log/agent.log",
                "-t", "state", "-F", "-v", "-r", "-b", "a,b", "-b", "c", "-a", "x");
        List<String> args = Daemonizer.childArguments(parent);
        AgentConfig child = merged(args.toArray(String[]::new));

        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd + "/rel.sock", child.path);
        assertEquals(cwd + "/log/agent.log", child.logfile);
        assertEquals(cwd + "/state", child.statedir);
        assertEquals(AgentConfig.DEFAULT_PIDFILE, child.pidfile);
        // the parent's dump and the child's dump differ only in the absolute paths
        String expected = ConfigDump.render(parent).replace("=rel.sock", "=" + cwd + "/rel.sock")
                .replace("=log/agent.log", "=" + cwd + "/log/agent.log")
                .replace("=state", "=" + cwd + "/state");
        assertEquals(expected, ConfigDump.render(child));
    }

    @Test
    void vsockAddressIsNotAPath() throws StartupException {
        AgentConfig parent = merged("-d", "-m", "vsock-listen", "-p", "3:1234");
        AgentConfig child = merged(Daemonizer.childArguments(parent).toArray(String[]::new));
        assertEquals("3:1234", child.path);
    }

    @Test
    void listEntriesNamedHelpAreNotPassedOn() throws StartupException {
        AgentConfig parent = new AgentConfig();
        AgentConfig.addCommaList(parent.blockRpcs, "help,guest-ping");
        parent.applyDefaults();
        List<String> args = Daemonizer.childArguments(parent);
        assertFalse(args.contains("help"), args.toString());
        assertTrue(args.contains("guest-ping"), args.toString());
    }

    @Test
    void childIsRecognisedAndReportsReadinessByDeletingTheMarker() throws Exception {
        Path marker = Files.createFile(dir.resolve("starting"));
        Map<String, String> environment = Map.of(Daemonizer.CHILD_MARKER, marker.toString());
        assertTrue(Daemonizer.isDaemonChild(environment));
        assertFalse(Daemonizer.isDaemonChild(Map.of()));
        Daemonizer.reportReady(environment);
        assertFalse(Files.exists(marker));
        Daemonizer.reportReady(Map.of()); // a foreground agent has nothing to report
    }

    @Test
    void javaCommandRestartsThisMainClassWithAbsoluteClassPath() {
        List<String> command = Daemonizer.javaCommand();
        assertTrue(Path.of(command.get(0)).isAbsolute(), command.get(0));
        assertEquals(Main.class.getName(), command.get(command.size() - 1));
        String classPath = command.get(command.indexOf("-cp") + 1);
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
    }
}
