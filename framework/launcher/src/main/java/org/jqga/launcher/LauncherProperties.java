package org.jqga.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Values Maven wrote into the jar at build time: the agent version and the slf4j version the system bundle exports. */
record LauncherProperties(String version, String slf4jVersion) {

    private static final String RESOURCE = "launcher.properties";

    static LauncherProperties load() {
        Properties properties = new Properties();
        try (InputStream in = LauncherProperties.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LauncherProperties(properties.getProperty("jqga.version"), properties.getProperty("slf4j.version"));
    }
}
