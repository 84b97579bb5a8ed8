package org.jqga.engine.internal.dispatch;

import org.jqga.engine.internal.audit.ArgumentDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the first requests would otherwise set up on a cold JVM (the result mapper, the audit's JSON printer and
 * SHA-256), done as the engine starts, on a short-lived thread of its own: the agent answers its first request
 * while the remaining bundles are still starting, and that answer should not wait for such set-up. A request that
 * comes first simply does the set-up itself (class initialisation and the mapper's lock make it happen once).
 */
final class FirstRequestWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRequestWarmUp.class);

    private FirstRequestWarmUp() {
    }

    static void start(ResultMapper results) {
        Thread thread = new Thread(() -> {
            try {
                ArgumentDigest.of(null);
                results.prepare();
            } catch (RuntimeException | LinkageError e) {
                // the request that needs it will meet the same failure and report it
                LOG.debug("warming up for the first requests failed", e);
            }
        }, "jqga-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
