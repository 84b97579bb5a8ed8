package org.jqga.deploy.internal;

import java.io.IOException;
import java.util.Base64;
import org.jqga.api.CommandException;
import org.osgi.framework.Bundle;

/**
 * What the bundle-* vendor commands ask of the deploy folder. They change the folder itself (atomically) and let the
 * watcher apply the change, so the host goes through exactly the checks an admin's file goes through, and the
 * folder stays the truth the next start deploys from.
 */
final class DeployRequests {

    static final long OUTCOME_TIMEOUT_MILLIS = 30_000;

    /** The result of install, update, rollback and remove. */
    public record BundleResult(String file, long id, String symbolicName, String version, String state) {
    }

    private final DeployFolder folder;

    DeployRequests(DeployFolder folder) {
        this.folder = folder;
    }

    BundleResult put(String bundleB64, String signatureB64, boolean update) throws CommandException {
        requireFolder();
        byte[] jar = decode(bundleB64, "bundle-b64");
        byte[] signature = signatureB64 == null ? null : decode(signatureB64, "signature-b64");
        BundleFile version;
        try {
            version = BundleFile.of("", jar, signature);
        } catch (IOException e) {
            throw CommandException.genericError("the bytes are not a bundle: " + e.getMessage());
        }
        String existing = folder.history().fileOf(version.symbolicName());
        boolean live = existing != null && folder.deployer().bundleOf(existing) != null;
        if (update && !live) {
            throw CommandException.genericError("bundle " + version.symbolicName() + " is not deployed; install it first");
        }
        if (!update && live) {
            throw CommandException.genericError("bundle " + version.symbolicName() + " is already deployed; update it instead");
        }
        String fileName = existing != null ? existing : version.symbolicName() + ".jar";
        return write(fileName, jar, signature, version.digest());
    }

    BundleResult rollback(String symbolicName) throws CommandException {
        requireFolder();
        String fileName = folder.history().fileOf(symbolicName);
        BundleFile previous = fileName == null ? null : folder.history().previous(fileName);
        if (previous == null) {
            throw CommandException.genericError("bundle " + symbolicName + " has no previous version to roll back to");
        }
        return write(fileName, previous.jar(), previous.signature(), previous.digest());
    }

    BundleResult remove(String symbolicName) throws CommandException {
        requireFolder();
        String fileName = folder.history().fileOf(symbolicName);
        if (fileName == null || folder.deployer().bundleOf(fileName) == null) {
            throw CommandException.genericError("bundle " + symbolicName
                    + " is not a deployed bundle; only bundles of the deploy folder can be removed");
        }
        try {
            FolderWriter.delete(folder.folder(), fileName);
        } catch (IOException e) {
            throw CommandException.genericError("cannot remove " + fileName + " from the deploy folder: " + e.getMessage());
        }
        DeployOutcome outcome = await(fileName, null);
        return result(outcome);
    }

    private BundleResult write(String fileName, byte[] jar, byte[] signature, String digest) throws CommandException {
        try {
            FolderWriter.put(folder.folder(), fileName, jar, signature);
        } catch (IOException e) {
            throw CommandException.genericError("cannot write " + fileName + " into the deploy folder: " + e.getMessage());
        }
        return result(await(fileName, digest));
    }

    private DeployOutcome await(String fileName, String digest) throws CommandException {
        DeployOutcome outcome;
        try {
            outcome = folder.awaitOutcome(fileName, o -> DeployFolder.sameDigest(o, digest), OUTCOME_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandException.genericError("interrupted while waiting for the deploy folder");
        }
        if (outcome == null) {
            throw CommandException.genericError("the deploy folder did not apply " + fileName + " within "
                    + OUTCOME_TIMEOUT_MILLIS / 1000 + " s" + (folder.isFrozen() ? " (filesystems are frozen)" : ""));
        }
        if (outcome.error() != null) {
            throw CommandException.genericError(outcome.error());
        }
        return outcome;
    }

    private static BundleResult result(DeployOutcome outcome) {
        return new BundleResult(outcome.fileName(), outcome.bundleId(), outcome.symbolicName(), outcome.version(), outcome.state());
    }

    private void requireFolder() throws CommandException {
        if (folder.folder() == null) {
            throw CommandException.genericError("no deploy folder is configured (org.jqga.deployDir)");
        }
    }

    private static byte[] decode(String base64, String argument) throws CommandException {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CommandException.genericError("value of argument " + argument + " is not valid base64");
        }
    }

    static boolean isDeployed(DeployFolder folder, Bundle bundle) {
        return folder.deployer() != null && folder.deployer().isDeployed(bundle);
    }
}
