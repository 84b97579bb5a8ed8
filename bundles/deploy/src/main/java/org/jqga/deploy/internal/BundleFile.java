package org.jqga.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/** One bundle version as read from the deploy folder: the exact bytes that are checked and installed. */
record BundleFile(String fileName, byte[] jar, byte[] signature, String digest, String symbolicName, String version) {

    /** Reads the bundle identity from the manifest; fails for anything that is not a bundle. */
    static BundleFile of(String fileName, byte[] jar, byte[] signature) throws IOException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        }
        if (manifest == null) {
            throw new IOException("not a jar with a manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String name = main.getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new IOException("not an OSGi bundle (no Bundle-SymbolicName)");
        }
        String symbolicName = name.split(";", 2)[0].trim();
        String version = main.getValue("Bundle-Version");
        return new BundleFile(fileName, jar, signature, sha256(jar), symbolicName, version == null ? "0.0.0" : version.trim());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
