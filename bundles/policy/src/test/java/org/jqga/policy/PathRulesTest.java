package org.jqga.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.policy.PathRules.Access;
import org.jqga.api.policy.PathVerdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path rules after resolving: symbolic links, "..", files not there yet, dangling links. */
class PathRulesTest {

    @TempDir
    Path dir;

    private Path logs;
    private Path etc;
    private Path secret;
    private PolicyModel model;

    @BeforeEach
    void layout() throws Exception {
        Path real = dir.toRealPath();
        logs = Files.createDirectories(real.resolve("var/log"));
        etc = Files.createDirectories(real.resolve("etc"));
        secret = Files.createDirectories(real.resolve("secret"));
        Files.writeString(logs.resolve("messages"), "m");
        Files.writeString(etc.resolve("hosts"), "h");
        Files.writeString(secret.resolve("shadow"), "s");
        Files.createDirectories(real.resolve("bin"));
        String json = "{\"rules\": {\"guest-file-open\": {\"paths\": [\"" + logs + "/\"], \"read-only-paths\": [\"" + etc + "\"]},"
                + " \"guest-exec\": {\"programs-under\": [\"" + real.resolve("bin") + "\"]}}}";
        model = new PolicyModel(CommandLineLists.of("", ""),
                new PolicySource.Loaded(dir.resolve("p.json"), PolicyFileParser.parse(json.getBytes(StandardCharsets.UTF_8))));
    }

    private PathVerdict open(Path path, Access access) {
        return model.checkPath("guest-file-open", path.toString(), access);
    }

    @Test
    void insidePrefixesWithTheRightAccess() {
        assertEquals(PathVerdict.allowed(logs.resolve("messages").toString()), open(logs.resolve("messages"), Access.WRITE));
        assertEquals(PathVerdict.allowed(etc.resolve("hosts").toString()), open(etc.resolve("hosts"), Access.READ));
        assertEquals(PathVerdict.refused(etc.resolve("hosts").toString(), "guest-file-open.read-only-paths"),
                open(etc.resolve("hosts"), Access.WRITE));
        assertEquals(PathVerdict.refused(secret.resolve("shadow").toString(), "guest-file-open.paths"),
                open(secret.resolve("shadow"), Access.READ));
    }

    @Test
    void prefixIsComponentWise() throws Exception {
        Path sibling = Files.createDirectories(logs.resolveSibling("logs"));
        assertFalse(open(sibling.resolve("x"), Access.READ).allowed());
    }

    @Test
    void dotDotIsResolvedBeforeChecking() {
        PathVerdict verdict = model.checkPath("guest-file-open", logs + "/../../secret/shadow", Access.READ);
        assertEquals(PathVerdict.refused(secret.resolve("shadow").toString(), "guest-file-open.paths"), verdict);
        PathVerdict missing = model.checkPath("guest-file-open", logs + "/missing/../../../secret/new", Access.WRITE);
        assertFalse(missing.allowed());
    }

    @Test
    void symbolicLinksAreFollowed() throws Exception {
        Files.createSymbolicLink(logs.resolve("escape"), secret.resolve("shadow"));
        Files.createSymbolicLink(logs.resolve("escape-dir"), secret);
        Files.createSymbolicLink(secret.resolve("to-logs"), logs.resolve("messages"));
        assertEquals(PathVerdict.refused(secret.resolve("shadow").toString(), "guest-file-open.paths"),
                open(logs.resolve("escape"), Access.READ));
        assertEquals(PathVerdict.refused(secret.resolve("new").toString(), "guest-file-open.paths"),
                open(logs.resolve("escape-dir/new"), Access.WRITE), "a new file under a linked directory");
        assertEquals(PathVerdict.allowed(logs.resolve("messages").toString()), open(secret.resolve("to-logs"), Access.READ),
                "a link from outside into the prefix leads inside");
    }

    @Test
    void aNewFileIsCheckedByItsParentAndADanglingLinkByItsTarget() throws Exception {
        assertEquals(PathVerdict.allowed(logs.resolve("new.log").toString()), open(logs.resolve("new.log"), Access.WRITE));
        Files.createSymbolicLink(logs.resolve("dangling"), secret.resolve("planted"));
        assertEquals(PathVerdict.refused(secret.resolve("planted").toString(), "guest-file-open.paths"),
                open(logs.resolve("dangling"), Access.WRITE));
    }

    @Test
    void linkLoopsAreRefused() throws Exception {
        Files.createSymbolicLink(logs.resolve("a"), logs.resolve("b"));
        Files.createSymbolicLink(logs.resolve("b"), logs.resolve("a"));
        assertFalse(open(logs.resolve("a"), Access.READ).allowed());
    }

    @Test
    void linkedPrefixMatchesItsTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.toRealPath().resolve("logs-link"), logs);
        String json = "{\"rules\": {\"guest-file-open\": {\"paths\": [\"" + link + "\"]}}}";
        PolicyModel linked = new PolicyModel(CommandLineLists.of("", ""),
                new PolicySource.Loaded(dir.resolve("p.json"), PolicyFileParser.parse(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(linked.checkPath("guest-file-open", logs.resolve("messages").toString(), Access.WRITE).allowed());
        assertTrue(linked.checkPath("guest-file-open", link.resolve("messages").toString(), Access.WRITE).allowed());
    }

    @Test
    void programsUnder() throws Exception {
        Path bin = dir.toRealPath().resolve("bin");
        Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        Files.createSymbolicLink(bin.resolve("sh-link"), Path.of("/bin/sh"));
        assertEquals(PathVerdict.allowed(tool.toString()), model.checkPath("guest-exec", tool.toString(), Access.EXECUTE));
        PathVerdict viaLink = model.checkPath("guest-exec", bin.resolve("sh-link").toString(), Access.EXECUTE);
        assertFalse(viaLink.allowed());
        assertEquals("guest-exec.programs-under", viaLink.rule());
        assertFalse(model.checkPath("guest-exec", "/usr/bin/id", Access.EXECUTE).allowed());
    }

    @Test
    void commandsWithoutRulesAreNotChecked() {
        assertEquals(PathVerdict.allowed("/secret/x"), model.checkPath("guest-file-write", "/secret/x", Access.WRITE));
        PolicyModel none = new PolicyModel(CommandLineLists.of("", ""), new PolicySource.None(dir.resolve("p.json")));
        assertEquals(PathVerdict.allowed("/x/../y"), none.checkPath("guest-file-open", "/x/../y", Access.WRITE));
    }
}
