package org.jqga.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Felix configuration: framework settings plus the agent settings bundles read with BundleContext.getProperty. */
final class FrameworkProperties {

    static final String MODE_SERVE = "serve";
    static final String MODE_LIST_COMMANDS = "list-commands";

    private FrameworkProperties() {
    }

    /**
     * @param storage  the bundle cache directory
     * @param statedir what bundles see as the agent's state directory
     * @param logger   Felix's framework logger (an object, which is why the map is not Map&lt;String, String&gt;)
     */
    static Map<String, Object> of(AgentConfig config, String mode, Path storage, String statedir,
                                  LauncherProperties launcher, Object logger) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.osgi.framework.storage", storage.toString());
        // no org.osgi.framework.storage.clean: the cache is kept from start to start (FelixRunner, BundleCacheRecord)
        // no cache.lock of Felix's: StateDirectory's instance.lock already keeps a second agent off the cache, and
        // Felix deletes its own open lock file when it wipes the cache; a process holding an unlinked file on a
        // frozen ext4 cannot finish exiting (Linux 6.1: the last close sleeps until thaw), not even on SIGKILL
        p.put("felix.cache.locking", "false");
        // slf4j lives on the launcher class path; bundles must wire to the system bundle's export, never see the
        // application loader's copy behind the framework's back (VERSIONS.md pitfall 6)
        p.put("felix.bootdelegation.implicit", "false");
        p.put("org.osgi.framework.system.packages.extra", slf4jExports(launcher.slf4jVersion()));
        p.put("felix.log.level", "1");
        p.put("org.osgi.framework.startlevel.beginning", StartLevels.BEGINNING);
        // the resolver resolves on the calling thread: its default pool (a thread per CPU) buys nothing for our two
        // dozen bundles and keeps its threads, each with its stack, for a minute after every resolve
        p.put("felix.resolver.parallelism", "1");
        // the dispatcher takes a command service per request and gives it back: without this, SCR would build
        // and dispose a delayed command component around every single request
        p.put("ds.delayed.keepInstances", "true");
        // SCR keeps the component descriptions it parsed in its data area (written when it stops, each entry valid for
        // its bundle's last-modified time): a start on a kept bundle cache parses no XML (55 ms less to the first
        // answer, 90 ms less CPU); a bundle updated since is parsed again
        p.put("ds.cache.metadata", "true");
        p.put("felix.log.logger", logger);

        p.put("org.jqga.mode", mode);
        p.put("org.jqga.version", launcher.version());
        p.put("org.jqga.method", config.method != null ? config.method : AgentConfig.VIRTIO_SERIAL);
        p.put("org.jqga.path", nullToEmpty(config.path));
        p.put("org.jqga.statedir", statedir);
        p.put("org.jqga.blockRpcs", String.join(",", config.blockRpcs));
        p.put("org.jqga.allowRpcs", String.join(",", config.allowRpcs));
        p.put("org.jqga.retryPath", Boolean.toString(config.retryPath));
        p.put("org.jqga.fsfreezeHook", nullToEmpty(config.fsfreezeHook));
        p.put("org.jqga.verbose", Boolean.toString(config.verbose));
        p.put("org.jqga.deployDir", config.deployDir != null ? config.deployDir : defaultDeployDir());
        p.put("org.jqga.deployKey", nullToEmpty(config.deployKey));
        // only when given: an absent property keeps the bundles' defaults (policy file /etc/qemu/jqga-policy.json,
        // admin socket <statedir>/jqga-admin/admin.sock)
        if (config.policyFile != null) {
            p.put("org.jqga.policyFile", config.policyFile);
        }
        if (config.auditLog != null) {
            p.put("org.jqga.auditLog", config.auditLog);
        }
        if (config.adminSocket != null) {
            p.put("org.jqga.adminSocket", config.adminSocket);
        }
        // tuning knobs without an option of their own (org.jqga.commandTimeoutMillis, org.jqga.swapWaitMillis, ...):
        // -D on the JVM (JQGA_EXTRA_JAVA_OPTS); never over a setting made above
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("org.jqga.") && !p.containsKey(key))
                .forEach(key -> p.put(key, System.getProperty(key)));
        return p;
    }

    /** &lt;jqga.home&gt;/deploy, beside bundle/; none if the installation cannot be located. */
    static String defaultDeployDir() {
        try {
            return Launcher.bundleDirectory().resolveSibling("deploy").toString();
        } catch (StartupException e) {
            return "";
        }
    }

    static String slf4jExports(String version) {
        StringBuilder exports = new StringBuilder();
        for (String pkg : new String[] {"org.slf4j", "org.slf4j.spi", "org.slf4j.helpers", "org.slf4j.event"}) {
            if (exports.length() > 0) {
                exports.append(',');
            }
            exports.append(pkg).append(";version=").append(version);
        }
        return exports.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
