package org.jqga.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packages the system bundle exports, as Felix computed them on this Java runtime, kept in the bundle cache and
 * given back to Felix at the next start as {@code org.osgi.framework.system.packages}. Without it Felix derives them
 * at every start: the exports of each module of the boot layer, then its default properties expanded variable by
 * variable into a 12 KB value, some 2 MB of intermediate strings. The value holds for one Java runtime (its home,
 * version and boot modules) and one Felix jar; for any other it is computed again and the record replaced.
 */
final class SystemPackagesRecord {

    private static final Logger LOG = LoggerFactory.getLogger(SystemPackagesRecord.class);
    private static final String FILE = "jqga.system-packages";
    private static final String RUNTIME_KEY = "runtime";

    private final Path file;
    private final String runtime;
    /** The kept value, if it was made on this runtime. */
    private final String packages;

    private SystemPackagesRecord(Path file, String runtime, String packages) {
        this.file = file;
        this.runtime = runtime;
        this.packages = packages;
    }

    /** The record in the bundle cache {@code storage}; without a value when there is none for this runtime. */
    static SystemPackagesRecord of(Path storage) {
        Path file = storage.resolve(FILE);
        String runtime = currentRuntime();
        Properties kept = RecordFile.read(file);
        String packages = runtime.equals(kept.getProperty(RUNTIME_KEY))
                ? kept.getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES) : null;
        return new SystemPackagesRecord(file, runtime, packages);
    }

    /** Gives Felix the kept value, unless the configuration already names the packages. */
    void applyTo(Map<String, Object> configuration) {
        if (packages != null) {
            configuration.putIfAbsent(Constants.FRAMEWORK_SYSTEMPACKAGES, packages);
        }
    }

    /**
     * Once the start is through: keeps the framework's value, unless the record holds it already (a cache Felix
     * emptied lost it).
     */
    void keep(BundleContext context) {
        String computed;
        try {
            computed = context.getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES);
        } catch (IllegalStateException stopped) {
            // stopped while it started (a SIGTERM): the next start keeps it
            return;
        }
        if (computed == null || computed.equals(packages) && Files.exists(file)) {
            return;
        }
        Properties record = new Properties();
        record.setProperty(RUNTIME_KEY, runtime);
        record.setProperty(Constants.FRAMEWORK_SYSTEMPACKAGES, computed);
        try {
            RecordFile.write(file, record, "the system bundle's exports on this Java runtime (jqga launcher)");
        } catch (IOException e) {
            LOG.debug("cannot keep {}: {}", file, e.toString());
        }
    }

    /**
     * What the value depends on: the Java runtime's exports (home, version, the boot layer's modules, which
     * {@code --limit-modules} or a jlink image change) and Felix's defaults (its jar).
     */
    private static String currentRuntime() {
        StringBuilder runtime = new StringBuilder()
                .append(System.getProperty("java.home")).append('|')
                .append(System.getProperty("java.runtime.version")).append('|');
        for (String module : bootModules()) {
            runtime.append(module).append(',');
        }
        runtime.append('|').append(felixJar());
        return runtime.toString();
    }

    private static TreeSet<String> bootModules() {
        TreeSet<String> names = new TreeSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            names.add(module.getName());
        }
        return names;
    }

    private static String felixJar() {
        try {
            Path jar = Path.of(org.apache.felix.framework.Felix.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return jar + " " + RecordFile.stamp(jar);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
