package org.jqga.launcher;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reads qemu-ga's configuration file (group [general]) into an AgentConfig, before the command line is applied. */
final class ConfigFileLoader {

    static final String DEFAULT_PATH = "/etc/qemu/qemu-ga.conf";
    static final String ENVIRONMENT_VARIABLE = "QGA_CONF";
    private static final String GROUP = "general";

    private ConfigFileLoader() {
    }

    /** $QGA_CONF, else /etc/qemu/qemu-ga.conf. */
    static String defaultPath(Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        return fromEnvironment != null ? fromEnvironment : DEFAULT_PATH;
    }

    /**
     * @param required true for a file named with -c: then a missing file is an error too; the default file may
     *                 be absent
     */
    static void load(AgentConfig config, String path, boolean required) throws StartupException {
        String text;
        try {
            text = read(Path.of(path));
        } catch (NoSuchFileException e) {
            if (!required) {
                return;
            }
            throw failure(path, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw failure(path, "Permission denied");
        } catch (IOException e) {
            throw failure(path, e.getMessage());
        }
        try {
            apply(KeyFile.parse(text), config);
        } catch (KeyFileException e) {
            throw failure(path, e.getMessage());
        }
    }

    private static String read(Path path) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException("Not a regular file");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // GLib reads bytes and complains per line; a lossy decode still fails on the line it cannot parse
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static StartupException failure(String path, String reason) {
        return new StartupException("error loading configuration from path: " + path + ", " + reason);
    }

    /** Keys in qemu-ga's order, so that the first bad value reported is the one qemu-ga would report. */
    static void apply(KeyFile file, AgentConfig config) throws KeyFileException {
        Optional<Boolean> daemon = file.getBoolean(GROUP, "daemon");
        if (daemon.isPresent()) {
            config.daemonize = daemon.get();
        }
        file.getString(GROUP, "method").ifPresent(v -> config.method = v);
        file.getString(GROUP, "path").ifPresent(v -> config.path = v);
        file.getString(GROUP, "logfile").ifPresent(v -> config.logfile = v);
        file.getString(GROUP, "pidfile").ifPresent(config::setPidfile);
        file.getString(GROUP, "fsfreeze-hook").ifPresent(v -> config.fsfreezeHook = v);
        file.getString(GROUP, "statedir").ifPresent(v -> config.statedir = v);
        // verbose=false cannot lower the level, it only leaves it alone (as in qemu-ga)
        if (file.getBoolean(GROUP, "verbose").orElse(false)) {
            config.verbose = true;
        }
        Optional<Boolean> retryPath = file.getBoolean(GROUP, "retry-path");
        if (retryPath.isPresent()) {
            config.retryPath = retryPath.get();
        }
        Optional<String> block = file.getString(GROUP, "block-rpcs");
        if (block.isPresent()) {
            AgentConfig.addCommaList(config.blockRpcs, block.get());
        }
        Optional<String> allow = file.getString(GROUP, "allow-rpcs");
        if (allow.isPresent()) {
            AgentConfig.addCommaList(config.allowRpcs, allow.get());
        }
        // jqga's own keys; qemu-ga ignores keys it does not know
        file.getString(GROUP, "deploy-dir").ifPresent(v -> config.deployDir = v);
        file.getString(GROUP, "deploy-key").ifPresent(v -> config.deployKey = v);
        file.getString(GROUP, "policy-file").ifPresent(v -> config.policyFile = v);
        file.getString(GROUP, "audit-log").ifPresent(v -> config.auditLog = v);
        file.getString(GROUP, "admin-socket").ifPresent(v -> config.adminSocket = v);
    }
}
