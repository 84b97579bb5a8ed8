package org.jqga.posix;

/**
 * The size fields of statvfs(3), in units of {@code fragmentSize} bytes (f_frsize), unsigned.
 *
 * @param blocks f_blocks, the filesystem's size
 * @param freeBlocks f_bfree, free including the blocks reserved for root
 * @param availableBlocks f_bavail, free for unprivileged users
 */
public record FilesystemStatistics(long fragmentSize, long blocks, long freeBlocks, long availableBlocks) {
}
