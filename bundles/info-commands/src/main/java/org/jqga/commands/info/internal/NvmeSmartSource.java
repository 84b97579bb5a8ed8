package org.jqga.commands.info.internal;

import java.nio.file.Path;
import org.jqga.posix.NvmeHealthLog;
import org.jqga.posix.PosixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where guest-get-disks gets an NVMe disk's SMART data: the health log page through the posix bundle's admin
 * ioctl. Any failure (no such node, no privilege, not NVMe, a controller error, or no posix bundle) means no
 * {@code smart} member, as in qemu-ga, which only logs it at debug level.
 */
interface NvmeSmartSource {

    /** @return null when the page cannot be read */
    NvmeSmart read(Path deviceNode);

    NvmeSmartSource IOCTL = deviceNode -> {
        Logger log = LoggerFactory.getLogger(NvmeSmartSource.class);
        try {
            return NvmeSmart.parse(NvmeHealthLog.read(deviceNode.toString()));
        } catch (PosixException e) {
            log.debug("Failed to get smart: {}: {}", deviceNode, e.strerror());
            return null;
        } catch (LinkageError e) {
            // the posix bundle is optional for this bundle: its imports may be unwired
            log.debug("no NVMe SMART data without the posix bundle: {}", e.toString());
            return null;
        }
    };
}
