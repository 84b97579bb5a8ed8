package org.jqga.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin command's failure paths on a machine without NVMe (the page itself is read in the VM test,
 * NvmeSmartVmIT): the ioctl reaches the kernel and comes back as the errno it set.
 */
class NvmeHealthLogTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceThatIsNotNvmeRejectsTheAdminCommand() {
        PosixException e = assertThrows(PosixException.class, () -> NvmeHealthLog.read("/dev/null"));
        assertEquals(Errno.ENOTTY.intValue(), e.errno(), e.getMessage());
    }

    @Test
    void aRegularFileRejectsItToo() throws Exception {
        Path file = Files.write(dir.resolve("disk.img"), new byte[4096]);
        PosixException e = assertThrows(PosixException.class, () -> NvmeHealthLog.read(file.toString()));
        assertEquals(Errno.ENOTTY.intValue(), e.errno(), e.getMessage());
    }

    @Test
    void aMissingDeviceNodeFailsToOpen() {
        PosixException e = assertThrows(PosixException.class,
                () -> NvmeHealthLog.read(dir.resolve("nvme9n1").toString()));
        assertEquals(Errno.ENOENT.intValue(), e.errno());
        assertEquals("No such file or directory", e.strerror());
    }
}
