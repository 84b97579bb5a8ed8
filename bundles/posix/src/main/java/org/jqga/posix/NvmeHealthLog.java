package org.jqga.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.Pointer;

/**
 * An NVMe controller's SMART / Health Information log page (log identifier 02h), fetched as qemu-ga's
 * guest-get-disks fetches it: the device node (a namespace such as {@code /dev/nvme0n1} or the controller's
 * {@code /dev/nvme0}) opened read-only, then one {@code NVME_IOCTL_ADMIN_CMD} with Get Log Page for every
 * namespace (NSID FFFFFFFFh) and Retain Asynchronous Event set, so that reading the page does not clear a health
 * event the driver is waiting for. Linux allows the command only with CAP_SYS_ADMIN.
 */
public final class NvmeHealthLog {

    /** The page's length in bytes. */
    public static final int SIZE = 512;

    /** {@code _IOWR('N', 0x41, struct nvme_admin_cmd)}, the struct being 72 bytes. */
    private static final long NVME_IOCTL_ADMIN_CMD = 0xC0484E41L;
    private static final int COMMAND_SIZE = 72;
    private static final int OPCODE = 0;
    private static final int NSID = 4;
    private static final int ADDR = 24;
    private static final int DATA_LEN = 36;
    private static final int CDW10 = 40;
    private static final byte GET_LOG_PAGE = 0x02;
    private static final int ALL_NAMESPACES = 0xFFFFFFFF;
    /** Log identifier 02h, RAE (bit 15), and in bits 16-31 the number of dwords to transfer minus one. */
    private static final int SMART_PAGE_WHOLE = 0x02 | 1 << 15 | (SIZE / 4 - 1) << 16;

    private NvmeHealthLog() {
    }

    /**
     * @param device the device node to send the command through
     * @return the page as the controller sent it: read-only, little-endian as every NVMe structure, from 0 to
     *     {@link #SIZE}
     * @throws PosixException when open or ioctl fails (e.g. ENOTTY for a device that is not NVMe, EACCES or
     *     EPERM without privilege), or with EIO when the controller completes the command with an error status
     */
    public static ByteBuffer read(String device) throws PosixException {
        // one allocation holds the command and, behind it, the page it points to
        Pointer memory = Posix.allocateDirect(COMMAND_SIZE + SIZE);
        memory.putByte(OPCODE, GET_LOG_PAGE);
        memory.putInt(NSID, ALL_NAMESPACES);
        memory.putLongLong(ADDR, memory.address() + COMMAND_SIZE);
        memory.putInt(DATA_LEN, SIZE);
        memory.putInt(CDW10, SMART_PAGE_WHOLE);
        int fd = Posix.open(device, OpenFlags.O_RDONLY.intValue() | OpenFlags.O_CLOEXEC.intValue(), 0);
        int status;
        try {
            status = Posix.ioctl(fd, NVME_IOCTL_ADMIN_CMD, memory);
        } finally {
            Posix.close(fd);
        }
        if (status != 0) {
            // a positive result is the NVMe completion status, not an errno
            throw new PosixException(Errno.EIO.intValue(), "NVMe status 0x" + Integer.toHexString(status));
        }
        byte[] page = new byte[SIZE];
        memory.get(COMMAND_SIZE, page, 0, SIZE);
        return ByteBuffer.wrap(page).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
