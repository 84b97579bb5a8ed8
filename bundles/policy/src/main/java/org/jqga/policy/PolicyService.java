package org.jqga.policy;

import java.nio.file.Path;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.policy.AdmissionPolicy;
import org.jqga.api.policy.Decision;
import org.jqga.api.policy.PathRules;
import org.jqga.api.policy.PathVerdict;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The live policy as services: the engine asks {@link AdmissionPolicy} for every request, guest-file-open and
 * guest-exec ask {@link PathRules}. Framework properties: org.jqga.blockRpcs, org.jqga.allowRpcs (-b/-a and the
 * config file) and org.jqga.policyFile (default {@value #DEFAULT_POLICY_FILE}; empty: no policy file).
 */
@Component(service = {AdmissionPolicy.class, PathRules.class, PolicyService.class}, immediate = true)
public final class PolicyService implements AdmissionPolicy, PathRules {

    static final String POLICY_FILE_PROPERTY = "org.jqga.policyFile";
    static final String DEFAULT_POLICY_FILE = "/etc/qemu/jqga-policy.json";

    private final LivePolicy live;
    private final PolicyFileWatcher watcher;

    @Activate
    public PolicyService(BundleContext context) {
        this(CommandLineLists.of(context.getProperty("org.jqga.blockRpcs"), context.getProperty("org.jqga.allowRpcs")),
                policyFile(context.getProperty(POLICY_FILE_PROPERTY)));
    }

    PolicyService(CommandLineLists lists, Path policyFile) {
        this.live = new LivePolicy(lists, policyFile);
        if (policyFile == null) {
            this.watcher = null;
        } else {
            this.watcher = new PolicyFileWatcher(policyFile, live::fileChanged);
            watcher.start();
        }
    }

    private static Path policyFile(String property) {
        if (property == null) {
            return Path.of(DEFAULT_POLICY_FILE);
        }
        return property.isBlank() ? null : Path.of(property.trim());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void frozen(FrozenFilesystems frozen) {
        live.frozen(true);
    }

    void unfrozen(FrozenFilesystems frozen) {
        live.frozen(false);
    }

    @Deactivate
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Override
    public Decision decide(String command, String risk) {
        return live.current().decide(command, risk);
    }

    @Override
    public PathVerdict check(String command, String path, Access access) {
        return live.current().checkPath(command, path, access);
    }

    /** For the explain command and tests: the policy in force. */
    PolicyModel current() {
        return live.current();
    }

    LivePolicy live() {
        return live;
    }
}
