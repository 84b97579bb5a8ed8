package org.jqga.launcher;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

/**
 * Reloading on SIGHUP, as daemons do: the configuration file and the command line are read again exactly as at
 * start (the command line still wins), and the agent settings bundles may follow are published as the properties
 * of a {@code java.util.Map} service with {@code org.jqga.settings=agent}. The transport bundle swaps its channel
 * when org.jqga.method, org.jqga.path or org.jqga.retryPath change; nothing else restarts. A java.util type,
 * because the launcher is outside OSGi and every bundle sees java.*; the properties carry the values, so that a
 * change reaches DS components as a service-properties update. Settings only a restart applies (statedir,
 * pidfile, logfile, daemon) are left alone. qemu-ga has no reload: SIGHUP ends it.
 */
final class SettingsReload {

    static final String MARKER = "org.jqga.settings";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsReload.class);

    /** Reads the settings again; throws when the file or the options are invalid now. */
    @FunctionalInterface
    interface SettingsSource {
        AgentConfig read() throws StartupException;
    }

    private final SettingsSource source;
    private final ServiceRegistration<?> registration;
    private Map<String, Object> published;

    private SettingsReload(SettingsSource source, ServiceRegistration<?> registration, Map<String, Object> published) {
        this.source = source;
        this.registration = registration;
        this.published = published;
    }

    /** Publishes {@code initial} and reloads on every SIGHUP from now on. */
    static SettingsReload install(BundleContext context, AgentConfig initial, SettingsSource source) {
        Map<String, Object> settings = settings(initial);
        ServiceRegistration<?> registration = context.registerService(Map.class, Map.copyOf(settings),
                dictionary(settings));
        SettingsReload reload = new SettingsReload(source, registration, settings);
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.reload());
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is reserved in this JVM (-Xrs?): no reloading");
        }
        return reload;
    }

    /**
     * The settings as args and the configuration file give them; {@code readFile} false for a -d daemon copy,
     * which got the file's settings as options.
     */
    static SettingsSource fromFileAndArgs(String[] args, Map<String, String> environment, boolean readFile) {
        return () -> {
            AgentConfig config = new AgentConfig();
            if (readFile) {
                String explicit = CommandLine.configPath(args);
                ConfigFileLoader.load(config, explicit != null ? explicit : ConfigFileLoader.defaultPath(environment),
                        explicit != null);
            }
            CommandLine.apply(args, config);
            config.applyDefaults();
            config.checkMethod();
            return config;
        };
    }

    synchronized void reload() {
        AgentConfig config;
        try {
            config = source.read();
        } catch (StartupException | RuntimeException e) {
            LOG.error("SIGHUP: configuration not reloaded, the agent keeps its settings: {}", e.getMessage());
            return;
        }
        Map<String, Object> settings = settings(config);
        if (settings.equals(published)) {
            LOG.info("SIGHUP: configuration reloaded, nothing changed");
            return;
        }
        LOG.info("SIGHUP: configuration reloaded: method={} path={} retry-path={}", config.method, config.path,
                config.retryPath);
        published = settings;
        try {
            registration.setProperties(dictionary(settings));
        } catch (IllegalStateException e) {
            // the framework is stopping
        }
    }

    private static Map<String, Object> settings(AgentConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("org.jqga.method", config.method);
        settings.put("org.jqga.path", config.path == null ? "" : config.path);
        settings.put("org.jqga.retryPath", Boolean.toString(config.retryPath));
        settings.put("org.jqga.blockRpcs", String.join(",", config.blockRpcs));
        settings.put("org.jqga.allowRpcs", String.join(",", config.allowRpcs));
        settings.put("org.jqga.verbose", Boolean.toString(config.verbose));
        return settings;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> settings) {
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put(MARKER, "agent");
        return properties;
    }
}
