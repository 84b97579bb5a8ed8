package org.jqga.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.File;
import org.ops4j.pax.exam.Option;

/** The container every in-container test runs: the production bundle set in a real Felix. */
final class JqgaOptions {

    private JqgaOptions() {
    }

    static Option agentBundles() {
        return composite(
                // as in the launcher: slf4j comes from the class path, through the system bundle; pax-exam's
                // own bundles import slf4j 1.x, which the 2.x API still serves, so it is exported as both
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                frameworkProperty("ds.delayed.keepInstances").value("true"),
                frameworkProperty("org.jqga.version").value("0.0.0-itest"),
                systemPackages("org.slf4j;version=2.0.20", "org.slf4j.spi;version=2.0.20",
                        "org.slf4j.helpers;version=2.0.20", "org.slf4j.event;version=2.0.20", "org.slf4j;version=1.7.36"),
                bundleOf("org.osgi.util.function"),
                bundleOf("org.osgi.util.promise"),
                bundleOf("org.osgi.service.component"),
                bundleOf("org.apache.felix.scr"),
                bundleOf("jackson-annotations"),
                bundleOf("jackson-core"),
                bundleOf("jackson-databind"),
                bundleOf("jqga-api"),
                bundleOf("jqga-engine"),
                bundleOf("jqga-posix"),
                bundleOf("jqga-core-commands"),
                bundleOf("jqga-info-commands"),
                bundleOf("jqga-file-commands"),
                bundleOf("jqga-transport-virtio"),
                bundleOf("jqga-deploy"),
                bundleOf("jqga-policy"),
                bundleOf("jqga-audit"),
                junitBundles());
    }

    /** A bundle the build copied into target/bundles, by artifact id. */
    static Option bundleOf(String artifactId) {
        File jar = new File(System.getProperty("jqga.itest.bundles"), artifactId + ".jar");
        return bundle(jar.toURI().toString());
    }
}
