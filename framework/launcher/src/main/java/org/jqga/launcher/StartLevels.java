package org.jqga.launcher;

import org.osgi.framework.Bundle;

/**
 * Two start levels, so that the host is answered before every bundle has started. Level 1, the default: what the
 * channel and the host's first requests need (the OSGi runtime, the engine, the transport, the policy, the audit,
 * guest-sync and guest-ping). Level 2: bundles that declare {@value #HEADER}: 2 in their manifest, whose commands
 * may come a moment after the channel opens; the engine makes a request for one of them wait until it is there
 * (CommandRegistry), and guest-info lists the commands only once both levels are through.
 */
final class StartLevels {

    /** The manifest header a bundle declares its level in; any value but 2 means level 1. */
    static final String HEADER = "Jqga-Start-Level";
    static final int CHANNEL = 1;
    static final int AFTER_CHANNEL = 2;
    /** The framework's beginning start level: both levels. */
    static final String BEGINNING = Integer.toString(AFTER_CHANNEL);

    private StartLevels() {
    }

    static int of(Bundle bundle) {
        String declared = bundle.getHeaders("").get(HEADER);
        return declared != null && declared.trim().equals(Integer.toString(AFTER_CHANNEL)) ? AFTER_CHANNEL : CHANNEL;
    }
}
