package org.jqga.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;

/**
 * Just enough of a framework for the deploy folder: install, update, start, uninstall, look up by location, a data
 * area. A new DeployFolder on the same instance is a restart on a reused bundle cache.
 */
final class FakeFramework {

    final class FakeBundle {
        final long id;
        final String location;
        String symbolicName;
        Version version;
        int state = Bundle.INSTALLED;
        int updates;
        long lastModified = ++clock;
        final Bundle proxy;

        FakeBundle(long id, String location, InputStream in) throws BundleException {
            this.id = id;
            this.location = location;
            read(in);
            proxy = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                    (p, method, args) -> switch (method.getName()) {
                        case "getBundleId" -> this.id;
                        case "getLocation" -> this.location;
                        case "getSymbolicName" -> symbolicName;
                        case "getVersion" -> version;
                        case "getState" -> state;
                        case "getLastModified" -> lastModified;
                        case "getHeaders" -> new Hashtable<String, String>();
                        case "start" -> {
                            if (symbolicName.contains("broken")) {
                                throw new BundleException("activator failed");
                            }
                            state = Bundle.ACTIVE;
                            yield null;
                        }
                        case "update" -> {
                            read((InputStream) args[0]);
                            updates++;
                            lastModified = ++clock;
                            yield null;
                        }
                        case "uninstall" -> {
                            state = Bundle.UNINSTALLED;
                            bundles.remove(this.location);
                            yield null;
                        }
                        case "adapt" -> null;
                        case "hashCode" -> Long.hashCode(this.id);
                        case "equals" -> p == args[0];
                        case "toString" -> "bundle " + this.id;
                        default -> null;
                    });
        }

        private void read(InputStream in) throws BundleException {
            try (JarInputStream jar = new JarInputStream(in)) {
                Manifest manifest = jar.getManifest();
                symbolicName = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                version = Version.parseVersion(manifest.getMainAttributes().getValue("Bundle-Version"));
            } catch (IOException e) {
                throw new BundleException("unreadable", e);
            }
        }
    }

    final Map<String, FakeBundle> bundles = new LinkedHashMap<>();
    private long nextId = 10;
    private long clock;
    /** The deploy bundle's data area in the bundle cache; null: the framework has no file system support. */
    Path dataArea;
    final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (p, method, args) -> switch (method.getName()) {
                case "installBundle" -> {
                    FakeBundle bundle = new FakeBundle(nextId++, (String) args[0], (InputStream) args[1]);
                    bundles.put(bundle.location, bundle);
                    yield bundle.proxy;
                }
                case "getBundle" -> {
                    if (args != null && args.length == 1 && args[0] instanceof String location) {
                        FakeBundle bundle = bundles.get(location);
                        // the system bundle: adapt() gives no FrameworkWiring, so no refresh
                        yield bundle != null ? bundle.proxy : location.equals("System Bundle") ? systemBundle() : null;
                    }
                    yield null;
                }
                case "getBundles" -> {
                    List<Bundle> all = new ArrayList<>();
                    bundles.values().forEach(b -> all.add(b.proxy));
                    yield all.toArray(new Bundle[0]);
                }
                case "getProperty" -> null;
                case "getDataFile" -> dataArea == null ? null : dataArea.resolve((String) args[0]).toFile();
                default -> null;
            });

    private Bundle systemBundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, method, args) -> null);
    }

    FakeBundle only() {
        if (bundles.size() != 1) {
            throw new AssertionError("expected one bundle, have " + bundles.keySet());
        }
        return bundles.values().iterator().next();
    }
}
