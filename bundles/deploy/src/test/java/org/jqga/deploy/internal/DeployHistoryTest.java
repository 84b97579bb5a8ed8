package org.jqga.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Rollback bookkeeping: what is live, what a rollback restores, and that rolling back walks back, not toggles. */
class DeployHistoryTest {

    private static BundleFile version(String v) throws Exception {
        return BundleFile.of("x.jar", TestBundles.jar("com.example.x", v), null);
    }

    @Test
    void updatesPushAndRollbacksPop() throws Exception {
        DeployHistory history = new DeployHistory(3);
        BundleFile v1 = version("1.0.0");
        BundleFile v2 = version("2.0.0");
        BundleFile v3 = version("3.0.0");
        history.applied(v1);
        assertNull(history.previous("x.jar"));
        history.applied(v2);
        history.applied(v3);
        assertEquals("3.0.0", history.live("x.jar").version());
        assertEquals("2.0.0", history.previous("x.jar").version());

        history.applied(history.previous("x.jar"));
        assertEquals("2.0.0", history.live("x.jar").version());
        assertEquals("1.0.0", history.previous("x.jar").version(), "a second rollback goes further back");

        history.applied(history.previous("x.jar"));
        assertEquals("1.0.0", history.live("x.jar").version());
        assertNull(history.previous("x.jar"));
        assertEquals("x.jar", history.fileOf("com.example.x"));
    }

    @Test
    void depthIsBoundedAndARemovalCanBeRolledBack() throws Exception {
        DeployHistory history = new DeployHistory(2);
        for (int v = 1; v <= 5; v++) {
            history.applied(version(v + ".0.0"));
        }
        history.applied(history.previous("x.jar"));
        history.applied(history.previous("x.jar"));
        assertEquals("3.0.0", history.live("x.jar").version());
        assertNull(history.previous("x.jar"), "only two versions were kept");

        history.removed("x.jar");
        assertNull(history.live("x.jar"));
        assertEquals("3.0.0", history.previous("x.jar").version());
        assertEquals("x.jar", history.fileOf("com.example.x"), "still known, for the rollback");
    }
}
