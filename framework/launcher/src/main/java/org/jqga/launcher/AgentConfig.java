package org.jqga.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The agent's settings as qemu-ga's GAConfig holds them: filled first from the configuration file, then
 * overridden by the command line (lists are concatenated), then completed with defaults.
 */
final class AgentConfig {

    static final String VIRTIO_SERIAL = "virtio-serial";
    static final String ISA_SERIAL = "isa-serial";
    static final String UNIX_LISTEN = "unix-listen";
    static final String VSOCK_LISTEN = "vsock-listen";
    static final List<String> METHODS = List.of(VIRTIO_SERIAL, ISA_SERIAL, UNIX_LISTEN, VSOCK_LISTEN);

    static final String DEFAULT_VIRTIO_PATH = "/dev/virtio-ports/org.qemu.guest_agent.0";
    static final String DEFAULT_SERIAL_PATH = "/dev/ttyS0";
    static final String DEFAULT_PIDFILE = "/var/run/qemu-ga.pid";
    static final String DEFAULT_STATEDIR = "/var/run";
    static final String DEFAULT_FSFREEZE_HOOK = "/etc/qemu/fsfreeze-hook";

    boolean daemonize;
    String method;
    String path;
    String logfile;
    String pidfile;
    /** True when -f or the pidfile key named a pidfile: then it is written even without daemonizing. */
    boolean pidfileExplicit;
    String fsfreezeHook;
    String statedir;
    boolean verbose;
    boolean retryPath;
    final List<String> blockRpcs = new ArrayList<>();
    final List<String> allowRpcs = new ArrayList<>();
    /** jqga's own: the deploy folder (null: &lt;jqga.home&gt;/deploy, empty: none) and the key bundles must be signed with. */
    String deployDir;
    String deployKey;
    /** jqga's own: the live policy file (null: /etc/qemu/jqga-policy.json) and the audit log (null: no audit). */
    String policyFile;
    String auditLog;
    /** jqga's own: the admin socket (null: &lt;statedir&gt;/jqga-admin/admin.sock, empty: none). */
    String adminSocket;
    boolean dumpConf;

    void setPidfile(String value) {
        pidfile = value;
        pidfileExplicit = true;
    }

    /**
     * Adds a comma-separated list the way qemu-ga does (g_strsplit, then prepending each piece): the pieces of
     * one value end up reversed, which -D shows ("-b a,b" dumps "b,a"); an empty value adds nothing.
     */
    static void addCommaList(List<String> target, String value) {
        if (value.isEmpty()) {
            return;
        }
        List<String> pieces = new ArrayList<>(List.of(value.split(",", -1)));
        Collections.reverse(pieces);
        target.addAll(pieces);
    }

    /** Fills in what neither the file nor the command line set; fails like qemu-ga when a path is required. */
    void applyDefaults() throws StartupException {
        if (pidfile == null) {
            pidfile = DEFAULT_PIDFILE;
        }
        if (statedir == null) {
            statedir = DEFAULT_STATEDIR;
        }
        if (method == null) {
            method = VIRTIO_SERIAL;
        }
        if (path == null) {
            switch (method) {
                case VIRTIO_SERIAL -> path = DEFAULT_VIRTIO_PATH;
                case ISA_SERIAL -> path = DEFAULT_SERIAL_PATH;
                default -> throw new StartupException("must specify a path for this channel");
            }
        }
    }

    /** qemu-ga only finds out at channel creation; jqga checks before starting anything. */
    void checkMethod() throws StartupException {
        if (!METHODS.contains(method)) {
            throw new StartupException("unsupported channel method/type: " + method);
        }
    }
}
