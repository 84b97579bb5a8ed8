package org.jqga.launcher;

/** The -h text: qemu-ga's options, described for jqga. */
final class Usage {

    private Usage() {
    }

    static String text(String version) {
        return """
                Usage: jqga [-m <method> -p <path>] [<options>]
                jqga %s, a QEMU Guest Agent for Linux guests on Java and OSGi

                  -m, --method      channel type: virtio-serial (default), isa-serial,
                                    unix-listen or vsock-listen
                  -p, --path        channel device or socket; defaults:
                                      virtio-serial  %s
                                      isa-serial     %s
                                    unix-listen and vsock-listen need one; a vsock
                                    address is written <cid>:<port>
                  -l, --logfile     append the log to this file (default: stderr)
                  -f, --pidfile     pid file, written and locked while running
                                    (default when daemonizing: %s)
                  -F, --fsfreeze-hook[=PATH]
                                    run a hook script with 'freeze' / 'thaw' around
                                    filesystem freezes (default %s);
                                    a path must be attached: -F/path or
                                    --fsfreeze-hook=/path
                  -t, --statedir    directory for agent state (default %s);
                                    jqga also keeps its OSGi cache below it
                  -v, --verbose     log debugging information
                  -V, --version     print the version and exit
                  -d, --daemonize   detach and run in the background
                  -b, --block-rpcs  comma-separated commands to disable (repeatable);
                                    "help" lists every command
                  -a, --allow-rpcs  comma-separated commands to allow, all others are
                                    disabled (repeatable); "help" lists every command
                  -c, --config      configuration file (default %s,
                                    or $QGA_CONF)
                  -D, --dump-conf   print the effective configuration and exit
                  -r, --retry-path  keep re-opening the channel if it is missing or
                                    fails (device hot-plug, driver reload)
                      --deploy-dir  folder of command bundles deployed while running
                                    (default <jqga home>/deploy; empty: none); must be
                                    owned by root and writable by nobody else
                      --deploy-key  PEM public key (Ed25519, RSA, EC): then every
                                    deployed bundle needs a valid <jar>.sig
                      --policy-file live policy, JSON (default /etc/qemu/jqga-policy.json;
                                    empty: none)
                      --audit-log   audit trail, one JSON record per request: a file, or
                                    syslog[:FACILITY] (auth by default; also authpriv,
                                    daemon, local0..local7) to /dev/log
                      --admin-socket
                                    local admin interface, root only (default
                                    <statedir>/jqga-admin/admin.sock; empty: none):
                                    jqga-client --admin installs, updates, rolls back
                                    and removes bundles there even when the host
                                    policy blocks those commands
                  -h, --help        print this help and exit

                Configuration file: GLib key file, group [general], keys daemon, method,
                path, logfile, pidfile, fsfreeze-hook, statedir, verbose, retry-path,
                block-rpcs, allow-rpcs (and jqga's own deploy-dir, deploy-key, policy-file,
                audit-log, admin-socket); command-line
                options override it.
                JVM options: JQGA_JAVA_OPTS replaces the defaults of bin/jqga,
                JQGA_EXTRA_JAVA_OPTS adds to them.
                """.formatted(version, AgentConfig.DEFAULT_VIRTIO_PATH, AgentConfig.DEFAULT_SERIAL_PATH,
                AgentConfig.DEFAULT_PIDFILE, AgentConfig.DEFAULT_FSFREEZE_HOOK, AgentConfig.DEFAULT_STATEDIR,
                ConfigFileLoader.DEFAULT_PATH);
    }
}
