package org.jqga.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Values Maven wrote into the jars at build time: the agent version and the slf4j version the system bundle exports. */
record LauncherProperties(String version, String slf4jVersion) {

    private static final String RESOURCE = "launcher.properties";

    static LauncherProperties load() {
        // the jars' manifests first: the class loader has read them already, whereas a resource is looked up through
        // the module image and the class path (5 ms of the start)
        String version = Main.class.getPackage().getImplementationVersion();
        String slf4jVersion = org.slf4j.Logger.class.getPackage().getImplementationVersion();
        if (version != null && slf4jVersion != null) {
            return new LauncherProperties(version, slf4jVersion);
        }
        // classes directories, as in a build's tests, have no manifest
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
