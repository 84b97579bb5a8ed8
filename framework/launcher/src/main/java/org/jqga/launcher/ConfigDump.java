package org.jqga.launcher;

/** The -D output: the effective settings as a key file that jqga and qemu-ga can read back. */
final class ConfigDump {

    private ConfigDump() {
    }

    static String render(AgentConfig config) {
        StringBuilder out = new StringBuilder("[general]\n");
        line(out, "daemon", Boolean.toString(config.daemonize));
        line(out, "method", KeyFile.escape(config.method));
        if (config.path != null) {
            line(out, "path", KeyFile.escape(config.path));
        }
        if (config.logfile != null) {
            line(out, "logfile", KeyFile.escape(config.logfile));
        }
        line(out, "pidfile", KeyFile.escape(config.pidfile));
        if (config.fsfreezeHook != null) {
            line(out, "fsfreeze-hook", KeyFile.escape(config.fsfreezeHook));
        }
        line(out, "statedir", KeyFile.escape(config.statedir));
        line(out, "verbose", Boolean.toString(config.verbose));
        line(out, "retry-path", Boolean.toString(config.retryPath));
        line(out, "block-rpcs", KeyFile.escape(String.join(",", config.blockRpcs)));
        line(out, "allow-rpcs", KeyFile.escape(String.join(",", config.allowRpcs)));
        // only when set, so that a dump without them stays byte-equal to qemu-ga's
        if (config.deployDir != null) {
            line(out, "deploy-dir", KeyFile.escape(config.deployDir));
        }
        if (config.deployKey != null) {
            line(out, "deploy-key", KeyFile.escape(config.deployKey));
        }
        if (config.policyFile != null) {
            line(out, "policy-file", KeyFile.escape(config.policyFile));
        }
        if (config.auditLog != null) {
            line(out, "audit-log", KeyFile.escape(config.auditLog));
        }
        if (config.adminSocket != null) {
            line(out, "admin-socket", KeyFile.escape(config.adminSocket));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String writtenValue) {
        out.append(key).append('=').append(writtenValue).append('\n');
    }
}
