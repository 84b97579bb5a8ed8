package org.jqga.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The packaged bundle inside a real Felix 7.0.5, with implicit boot delegation off as in production: it
 * must resolve on its own, export the API packages, and make native calls whose generated classes and
 * jffi native library come from this bundle alone.
 */
class PosixBundleIT {

    @TempDir
    Path work;

    private Framework framework;

    @BeforeEach
    void startFelix() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, System.getProperty("jqga.felix.storage",
                work.resolve("felix-cache").toString()));
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.bootdelegation.implicit", "false");
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.20");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(properties);
        framework.start();
    }

    @AfterEach
    void stopFelix() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void resolvesExportsTheApiAndCallsNativeCode() throws Exception {
        assertNull(ClassLoader.getSystemClassLoader().getResource("jni/x86_64-Linux/libjffi-1.2.so"),
                "jffi's native library must come from the bundle, not the test class path");
        assertNull(ClassLoader.getSystemClassLoader().getResource("jnr/posix/POSIX.class"));
        File jar = new File(System.getProperty("jqga.posix.bundle"));
        assertTrue(jar.isFile(), "bundle jar " + jar);
        Bundle bundle = framework.getBundleContext().installBundle(jar.toURI().toString());
        bundle.start();
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertEquals("org.jqga.posix", bundle.getSymbolicName());

        Set<String> exported = bundle.adapt(BundleWiring.class).getCapabilities("osgi.wiring.package").stream()
                .map(BundleCapability::getAttributes)
                .map(attributes -> (String) attributes.get("osgi.wiring.package"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("org.jqga.posix", "org.jqga.posix.mounts", "jnr.posix", "jnr.constants",
                "jnr.constants.platform"), exported);

        Class<?> posix = bundle.loadClass("org.jqga.posix.Posix");
        assertNotEquals(getClass().getClassLoader(), posix.getClassLoader(), "loaded from the bundle, not the test");

        Object jnr = posix.getMethod("jnr").invoke(null);
        Class<?> posixInterface = bundle.loadClass("jnr.posix.POSIX");
        assertEquals(true, posixInterface.getMethod("isNative").invoke(jnr));
        assertEquals(ProcessHandle.current().pid(), ((Integer) posixInterface.getMethod("getpid").invoke(jnr)).longValue());

        // the bundle's own jnr-ffi binding: a write and a read through it
        Path file = work.resolve("through-felix");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        Class<?> openFlags = bundle.loadClass("jnr.constants.platform.OpenFlags");
        int readOnly = (Integer) openFlags.getMethod("intValue").invoke(openFlags.getField("O_RDONLY").get(null));
        int fd = (Integer) posix.getMethod("openNonBlocking", String.class, int.class, int.class)
                .invoke(null, file.toString(), readOnly, 0);
        ByteBuffer target = ByteBuffer.allocate(8);
        Method read = posix.getMethod("read", int.class, ByteBuffer.class);
        assertEquals(5, read.invoke(null, fd, target));
        assertEquals(0, read.invoke(null, fd, target));
        posix.getMethod("close", int.class).invoke(null, fd);
        assertEquals(1, target.get(0));
        assertEquals(5, target.get(4));
        assertEquals("Operation not permitted", posix.getMethod("strerror", int.class).invoke(null, 1));

        // getifaddrs walks native memory through jnr-ffi's Pointer; statvfs fills a struct
        List<?> addresses = (List<?>) posix.getMethod("interfaceAddresses").invoke(null);
        assertTrue(addresses.stream().anyMatch(a -> a.toString().contains("name=lo")), addresses.toString());
        Object stats = posix.getMethod("statvfs", String.class).invoke(null, work.toString());
        assertTrue((Long) stats.getClass().getMethod("blocks").invoke(stats) > 0);

        bundle.stop();
        assertEquals(Bundle.RESOLVED, bundle.getState());
    }
}
