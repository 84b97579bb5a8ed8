package org.jqga.deploy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a jar file is complete: its end-of-central-directory record is there and points at a central directory
 * that ends right before it. A jar still being copied in has no such ending yet, so a fresh file that has it can be
 * deployed at once instead of after a settling delay.
 */
final class ZipTail {

    private static final int END_RECORD = 0x06054b50;
    private static final int END_RECORD_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipTail() {
    }

    static boolean looksComplete(Path jar) {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < END_RECORD_LENGTH) {
                return false;
            }
            int tailLength = (int) Math.min(size, END_RECORD_LENGTH + MAX_COMMENT);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            long tailStart = size - tailLength;
            while (tail.hasRemaining() && channel.read(tail, tailStart + tail.position()) > 0) {
                // read the whole tail
            }
            for (int at = tailLength - END_RECORD_LENGTH; at >= 0; at--) {
                if (tail.getInt(at) != END_RECORD) {
                    continue;
                }
                long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
                long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
                int commentLength = Short.toUnsignedInt(tail.getShort(at + 20));
                if (directoryOffset + directorySize == tailStart + at && at + END_RECORD_LENGTH + commentLength == tailLength) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
