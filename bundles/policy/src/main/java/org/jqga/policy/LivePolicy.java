package org.jqga.policy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jqga.api.TrustedLocation;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force and how it changes: read at start, re-read when the file changes. A file with an error is
 * rejected whole and the previous policy stays; a file with an error at start-up fails closed. While filesystems
 * are frozen a change is only noted and applied at thaw (nothing is read or logged while frozen).
 */
final class LivePolicy {

    static final int MAX_FILE_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(LivePolicy.class);

    private final CommandLineLists lists;
    private final Path path;
    private volatile PolicyModel model;
    private byte[] lastContent;
    /** The last rejected content: several events for one bad write log one error. */
    private byte[] lastRejected;
    private boolean frozen;
    private boolean changedWhileFrozen;

    LivePolicy(CommandLineLists lists, Path path) {
        this.lists = lists;
        this.path = path;
        this.model = new PolicyModel(lists, initialSource());
    }

    /** The policy in force now; never blocks. */
    PolicyModel current() {
        return model;
    }

    Path path() {
        return path;
    }

    /** The file may have changed (watcher event or periodic check). */
    synchronized void fileChanged() {
        if (path == null) {
            return;
        }
        if (frozen) {
            changedWhileFrozen = true;
            return;
        }
        reload();
    }

    synchronized void frozen(boolean nowFrozen) {
        frozen = nowFrozen;
        if (!nowFrozen && changedWhileFrozen) {
            changedWhileFrozen = false;
            LOG.info("applying the policy file change made while filesystems were frozen");
            reload();
        }
    }

    private PolicySource initialSource() {
        if (path == null) {
            LOG.info("policy file disabled (org.jqga.policyFile is empty): only -b/-a and the defaults apply");
            return new PolicySource.None(null);
        }
        try {
            byte[] content = read(path);
            if (content == null) {
                LOG.info("no policy file {}: only -b/-a and the defaults apply", path);
                return new PolicySource.None(path);
            }
            PolicyFile file = PolicyFileParser.parse(content);
            lastContent = content;
            LOG.info("policy file {} loaded", path);
            return new PolicySource.Loaded(path, file);
        } catch (PolicyFileException e) {
            LOG.error("policy file {} rejected at start-up, failing closed (only guest-sync, guest-sync-delimited, "
                    + "guest-ping and guest-info run until the file is fixed): {}", path, e.getMessage());
            return new PolicySource.FailClosed(path, e.getMessage());
        }
    }

    private void reload() {
        byte[] content;
        PolicyFile file;
        try {
            content = read(path);
            if (content == null) {
                if (!(model.source() instanceof PolicySource.None)) {
                    LOG.warn("policy file {} is gone; the last policy stays in force (write {{}} to clear it)", path);
                }
                return;
            }
            if (Arrays.equals(content, lastContent) || Arrays.equals(content, lastRejected)) {
                return;
            }
            try {
                file = PolicyFileParser.parse(content);
            } catch (PolicyFileException e) {
                lastRejected = content;
                throw e;
            }
        } catch (PolicyFileException e) {
            LOG.error("policy file {} rejected, the previous policy stays: {}", path, e.getMessage());
            return;
        }
        lastContent = content;
        model = new PolicyModel(lists, new PolicySource.Loaded(path, file));
        LOG.info("policy file {} loaded: takes effect with the next request", path);
    }

    /**
     * The file's bytes, null when there is no file. A file owned by another user than root (or the agent's own user),
     * or writable by group or others, is refused: it would let them set the agent's policy.
     */
    static byte[] read(Path path) throws PolicyFileException {
        try {
            if (!Files.isRegularFile(path)) {
                if (Files.exists(path)) {
                    throw new PolicyFileException("not a regular file");
                }
                return null;
            }
            String untrusted = TrustedLocation.whyUntrusted(path, "the file", TrustedLocation.agentUid());
            if (untrusted != null) {
                throw new PolicyFileException(untrusted);
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new PolicyFileException("the file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw new PolicyFileException("permission denied");
        } catch (IOException | UnsupportedOperationException e) {
            throw new PolicyFileException("cannot read it: " + e.getMessage());
        }
    }
}
