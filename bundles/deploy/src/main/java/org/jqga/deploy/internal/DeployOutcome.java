package org.jqga.deploy.internal;

/**
 * What became of one version of a deploy-folder file: {@code error} is null when it went live (or, for a removal,
 * when the bundle is gone). {@code digest} is null for a removal.
 */
record DeployOutcome(String fileName, String digest, String error, long bundleId, String symbolicName,
                     String version, String state) {
}
