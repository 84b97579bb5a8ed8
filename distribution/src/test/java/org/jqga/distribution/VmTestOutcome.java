package org.jqga.distribution;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Whether anything in a VM test class failed, so that its VM leaves the console and run dir behind for a
 * post-mortem. Register it with {@code @RegisterExtension}; it sees failed tests by itself, while a failed
 * {@code @BeforeAll} or clean-up step reports with {@link #markFailed()}.
 */
final class VmTestOutcome implements TestWatcher {

    private volatile boolean failed;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    void markFailed() {
        failed = true;
    }

    boolean failed() {
        return failed;
    }

    /**
     * Stops the class's VM (if it was booted): after a failure prints the console's tail under {@code testClass}
     * and keeps the run dir, else deletes it.
     */
    void stop(TestVm vm, String testClass) throws IOException, InterruptedException {
        if (vm == null) {
            return;
        }
        if (failed) {
            System.out.println(testClass + " failed; console.log tail of " + vm.runDir() + ":\n" + vm.consoleTail(100));
        }
        vm.close();
        if (!failed) {
            vm.deleteRunDir();
        }
    }
}
