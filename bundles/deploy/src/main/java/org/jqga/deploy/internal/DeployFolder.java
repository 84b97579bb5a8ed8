package org.jqga.deploy.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jqga.api.FrozenFilesystems;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy folder (framework property {@code org.jqga.deployDir}): every {@code *.jar} in it is a bundle the agent
 * runs, installed when it appears, updated in place when it changes, uninstalled when it goes. One thread watches the
 * folder (inotify through a WatchService, plus a rescan every {@code org.jqga.deployPollMillis} as a fallback) and
 * makes every change, so changes never interleave.
 *
 * <p>Trust: nothing is deployed while the folder is not owned by root or is writable by group or others; a file is
 * refused under the same rule, and, when {@code org.jqga.deployKey} names a public key, unless its {@code .sig}
 * verifies. A refused update leaves the running version in place. Each refusal is logged once per file version.
 *
 * <p>While {@link FrozenFilesystems} is registered nothing is installed, updated or removed (each writes the Felix
 * cache on disk); changes wait and are applied after thaw.
 */
@Component(service = DeployFolder.class, immediate = true)
public final class DeployFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);

    static final long DEFAULT_POLL_MILLIS = 2_000;
    /** A file changed more recently than this, and not a complete jar yet, is still being written: looked at later. */
    static final long SETTLE_MILLIS = 250;
    static final long FROZEN_RECHECK_MILLIS = 250;
    static final int HISTORY_DEPTH = 3;

    private final Path folder;
    private final FolderTrust trust;
    private final SignatureCheck signatures;
    private final String keyProblem;
    private final long pollMillis;
    private final BundleDeployer deployer;
    private final DeployHistory history = new DeployHistory(HISTORY_DEPTH);
    private final Map<String, FolderScan.Fingerprint> handled = new HashMap<>();
    private final Map<String, DeployOutcome> outcomes = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile WatchService watcher;
    private String lastFolderProblem;
    private boolean frozenLogged;
    private boolean orphansChecked;
    private static final FolderScan.Fingerprint ORPHAN = new FolderScan.Fingerprint(-1, -1, -1, -1, -1, -1);

    private volatile FrozenFilesystems frozen;

    @Activate
    public DeployFolder(BundleContext context) {
        this(context, context.getProperty("org.jqga.deployDir"), context.getProperty("org.jqga.deployKey"),
                parseLong(context.getProperty("org.jqga.deployPollMillis"), DEFAULT_POLL_MILLIS), FolderTrust.ROOT, true);
    }

    /** {@code watch} false: no thread, the caller scans (tests). */
    DeployFolder(BundleContext context, String folderSetting, String keySetting, long pollMillis, int requiredOwner,
                 boolean watch) {
        this.folder = folderSetting == null || folderSetting.isBlank() ? null : Path.of(folderSetting).toAbsolutePath().normalize();
        this.trust = new FolderTrust(requiredOwner);
        this.pollMillis = pollMillis > 0 ? pollMillis : DEFAULT_POLL_MILLIS;
        SignatureCheck loaded = null;
        String problem = null;
        if (keySetting != null && !keySetting.isBlank()) {
            try {
                loaded = SignatureCheck.load(Path.of(keySetting));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                // fail closed: a configured key that cannot be read refuses every bundle rather than none
                problem = "deploy key " + keySetting + " unusable (" + e.getMessage() + ")";
            }
        }
        this.signatures = loaded;
        this.keyProblem = problem;
        this.deployer = folder == null ? null : new BundleDeployer(context, folder);
        if (folder == null) {
            LOG.info("deploy folder disabled (org.jqga.deployDir not set)");
            thread = null;
            return;
        }
        if (keyProblem != null) {
            LOG.error("{}: every bundle of the deploy folder will be refused", keyProblem);
        }
        LOG.info("deploy folder {}{}", folder, signatures != null ? ", bundles must be signed (" + signatures.algorithm() + ")" : "");
        if (!watch) {
            thread = null;
            return;
        }
        thread = new Thread(this::watch, "jqga-deploy");
        thread.setDaemon(true);
        thread.start();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFrozen(FrozenFilesystems frozenFilesystems) {
        frozen = frozenFilesystems;
    }

    void unbindFrozen(FrozenFilesystems frozenFilesystems) {
        if (frozen == frozenFilesystems) {
            frozen = null;
            LOG.debug("filesystems thawed");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        WatchService w = watcher;
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    Path folder() {
        return folder;
    }

    DeployHistory history() {
        return history;
    }

    BundleDeployer deployer() {
        return deployer;
    }

    boolean isFrozen() {
        return frozen != null;
    }

    /** Waits (bounded) for the outcome of the file version the caller just put into the folder. */
    DeployOutcome awaitOutcome(String fileName, Predicate<DeployOutcome> wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (outcomes) {
            while (true) {
                DeployOutcome outcome = outcomes.get(fileName);
                if (outcome != null && wanted.test(outcome)) {
                    return outcome;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                outcomes.wait(left);
            }
        }
    }

    /** Looks at the folder now rather than at the next event or poll (used by tests). */
    void scanNow() {
        scanOnce();
    }

    private void watch() {
        while (!stopping) {
            boolean pending;
            try {
                pending = scanOnce();
            } catch (RuntimeException e) {
                LOG.error("deploy folder scan failed", e);
                pending = false;
            }
            try {
                awaitChange(pending || isFrozen() ? Math.min(SETTLE_MILLIS, FROZEN_RECHECK_MILLIS) : pollMillis);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void awaitChange(long timeoutMillis) throws InterruptedException {
        WatchService w = watcher;
        if (w == null) {
            w = register();
        }
        if (w == null) {
            Thread.sleep(timeoutMillis);
            return;
        }
        WatchKey key = w.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (key != null) {
            key.pollEvents();
            if (!key.reset()) {
                // the folder went away (or was replaced): register again next round
                watcher = null;
                try {
                    w.close();
                } catch (IOException ignored) {
                    // replaced anyway
                }
            }
        }
    }

    private WatchService register() {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            folder.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watcher = w;
            return w;
        } catch (IOException e) {
            LOG.debug("cannot watch {} ({}); polling", folder, e.toString());
            return null;
        }
    }

    /** One pass over the folder; true if some file is still settling and must be looked at again soon. */
    synchronized boolean scanOnce() {
        if (folder == null) {
            return false;
        }
        boolean exists = Files.exists(folder);
        String folderProblem = exists ? trust.checkFolder(folder) : "deploy folder " + folder + " does not exist";
        if (folderProblem != null) {
            if (!folderProblem.equals(lastFolderProblem)) {
                if (exists) {
                    LOG.error("deploy folder refused, nothing is deployed from it: {}", folderProblem);
                } else {
                    LOG.info("{}; deploying from it once it does", folderProblem);
                }
                lastFolderProblem = folderProblem;
            }
            return false;
        }
        if (lastFolderProblem != null) {
            LOG.info("deploy folder {} is usable again", folder);
            lastFolderProblem = null;
        }
        Map<String, FolderScan.Fingerprint> now;
        try {
            now = FolderScan.scan(folder);
        } catch (IOException e) {
            LOG.error("cannot list deploy folder {}: {}", folder, e.toString());
            return false;
        }
        if (!orphansChecked) {
            // a reused bundle cache may hold bundles of files deleted while the agent was down
            orphansChecked = true;
            for (String fileName : deployer.deployedFileNames()) {
                if (!now.containsKey(fileName)) {
                    handled.put(fileName, ORPHAN);
                }
            }
        }
        boolean changes = now.entrySet().stream().anyMatch(e -> !e.getValue().equals(handled.get(e.getKey())))
                || handled.keySet().stream().anyMatch(f -> !now.containsKey(f));
        if (!changes) {
            frozenLogged = false;
            return false;
        }
        if (isFrozen()) {
            if (!frozenLogged) {
                LOG.info("filesystems are frozen: deploy folder changes are held until thaw");
                frozenLogged = true;
            }
            return true;
        }
        frozenLogged = false;
        boolean pending = false;
        long wallNow = System.currentTimeMillis();
        for (Map.Entry<String, FolderScan.Fingerprint> entry : now.entrySet()) {
            if (entry.getValue().equals(handled.get(entry.getKey()))) {
                continue;
            }
            // a fresh file may still be being copied in; a complete jar (renamed in, as it should be) goes at once
            if (wallNow - entry.getValue().lastChange() < SETTLE_MILLIS && !ZipTail.looksComplete(folder.resolve(entry.getKey()))) {
                pending = true;
                continue;
            }
            deploy(entry.getKey());
            handled.put(entry.getKey(), entry.getValue());
        }
        for (String gone : handled.keySet().stream().filter(f -> !now.containsKey(f)).toList()) {
            undeploy(gone);
            handled.remove(gone);
        }
        return pending;
    }

    private void deploy(String fileName) {
        Path jarFile = folder.resolve(fileName);
        String refusal = trust.checkFile(jarFile);
        byte[] jar = null;
        byte[] signature = null;
        if (refusal == null) {
            try {
                jar = Files.readAllBytes(jarFile);
                Path signatureFile = folder.resolve(fileName + ".sig");
                if (Files.exists(signatureFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    refusal = trust.checkFile(signatureFile);
                    if (refusal == null) {
                        signature = Files.readAllBytes(signatureFile);
                    }
                }
            } catch (IOException e) {
                refusal = "cannot read it: " + e;
            }
        }
        if (refusal == null && keyProblem != null) {
            refusal = keyProblem;
        }
        if (refusal == null && signatures != null) {
            refusal = signatures.refusal(jar, signature);
        }
        BundleFile version = null;
        if (refusal == null) {
            try {
                version = BundleFile.of(fileName, jar, signature);
                refusal = deployer.conflict(version);
            } catch (IOException e) {
                refusal = e.getMessage();
            }
        }
        String digest = jar == null ? "unread" : BundleFile.sha256(jar);
        if (refusal != null) {
            refuse(fileName, digest, refusal);
            return;
        }
        BundleFile live = history.live(fileName);
        Bundle existing = deployer.bundleOf(fileName);
        if (live != null && live.digest().equals(version.digest()) && existing != null) {
            record(new DeployOutcome(fileName, digest, null, existing.getBundleId(), existing.getSymbolicName(),
                    existing.getVersion().toString(), BundleStates.name(existing.getState())));
            return;
        }
        // first look at the file since the start: the reused cache may hold this very version, running already
        Bundle bundle = live == null ? deployer.cachedAs(version) : null;
        boolean kept = bundle != null;
        if (!kept) {
            try {
                bundle = deployer.installOrUpdate(version);
            } catch (BundleException | RuntimeException e) {
                refuse(fileName, digest, "the framework rejected it: " + e.getMessage());
                return;
            }
        }
        history.applied(version);
        String error = null;
        try {
            deployer.start(bundle);
            LOG.info("{} {}: {} {} (bundle {}){}", kept ? "kept" : "deployed", fileName, version.symbolicName(),
                    version.version(), bundle.getBundleId(), kept ? " as the bundle cache holds it"
                            : live == null ? "" : ", was " + live.version());
        } catch (BundleException | RuntimeException e) {
            // installed but not running: the agent carries on, the host learns why from the outcome and the log
            error = "installed but failed to start: " + e.getMessage();
            LOG.error("deploy: {} ({} {}) {}", fileName, version.symbolicName(), version.version(), error);
        }
        record(new DeployOutcome(fileName, digest, error, bundle.getBundleId(), bundle.getSymbolicName(),
                bundle.getVersion().toString(), BundleStates.name(bundle.getState())));
    }

    private void refuse(String fileName, String digest, String why) {
        Bundle running = deployer.bundleOf(fileName);
        LOG.error("deploy: refused {}: {}{}", folder.resolve(fileName), why, running == null ? ""
                : "; bundle " + running.getSymbolicName() + " " + running.getVersion() + " stays as it is");
        record(new DeployOutcome(fileName, digest, "refused " + fileName + ": " + why, running == null ? -1 : running.getBundleId(),
                running == null ? null : running.getSymbolicName(), running == null ? null : running.getVersion().toString(),
                running == null ? null : BundleStates.name(running.getState())));
    }

    private void undeploy(String fileName) {
        Bundle bundle = deployer.bundleOf(fileName);
        try {
            if (deployer.uninstall(fileName)) {
                LOG.info("removed {}: bundle {} {} uninstalled", fileName, bundle.getSymbolicName(), bundle.getVersion());
            }
            history.removed(fileName);
            record(new DeployOutcome(fileName, null, null, bundle == null ? -1 : bundle.getBundleId(),
                    bundle == null ? null : bundle.getSymbolicName(), bundle == null ? null : bundle.getVersion().toString(),
                    "UNINSTALLED"));
        } catch (BundleException | RuntimeException e) {
            LOG.error("deploy: cannot uninstall the bundle of removed file {}: {}", fileName, e.getMessage());
            record(new DeployOutcome(fileName, null, "cannot uninstall: " + e.getMessage(), bundle == null ? -1 : bundle.getBundleId(),
                    null, null, null));
        }
    }

    private void record(DeployOutcome outcome) {
        synchronized (outcomes) {
            outcomes.put(outcome.fileName(), outcome);
            outcomes.notifyAll();
        }
    }

    DeployOutcome lastOutcome(String fileName) {
        synchronized (outcomes) {
            return outcomes.get(fileName);
        }
    }

    private static long parseLong(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static boolean sameDigest(DeployOutcome outcome, String digest) {
        return Objects.equals(outcome.digest(), digest);
    }
}
