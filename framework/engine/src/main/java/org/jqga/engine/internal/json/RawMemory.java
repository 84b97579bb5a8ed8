package org.jqga.engine.internal.json;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Loads and stores that reach a heap array and a direct buffer's native memory alike, through sun.misc.Unsafe (as
 * Felix and jnr already do in this JVM). The base64 of a large file read goes from the native buffer the file was
 * read into, to native piece buffers the socket is written from: C1 code reading a direct ByteBuffer through its
 * accessors was 40 % slower than from an array, and an array on either side costs a copy of every byte.
 *
 * <p>Absent ({@link #UNSAFE} null) on a JVM that has no such class, refuses it, or runs on a platform where an
 * unaligned 8-byte load is not plainly allowed or bytes are stored big-endian; the callers then take a portable way.
 */
final class RawMemory {

    /** Platforms whose unaligned loads and stores HotSpot itself relies on, and which store little-endian. */
    private static final Set<String> PLATFORMS = Set.of("amd64", "x86_64", "aarch64");

    /** Null where raw memory access is not to be had. */
    static final sun.misc.Unsafe UNSAFE;
    /** Where a byte[]'s first element is, from the array reference. */
    static final long BYTE_ARRAY_BASE;
    private static final long BUFFER_ADDRESS;

    static {
        sun.misc.Unsafe unsafe = unsafe();
        long arrayBase = 0;
        long addressField = 0;
        try {
            if (unsafe != null) {
                arrayBase = unsafe.arrayBaseOffset(byte[].class);
                addressField = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            }
        } catch (ReflectiveOperationException | RuntimeException noAddress) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        BYTE_ARRAY_BASE = arrayBase;
        BUFFER_ADDRESS = addressField;
    }

    private RawMemory() {
    }

    /** The address of {@code buffer}'s element 0; the buffer must be direct and stay reachable while it is used. */
    static long address(ByteBuffer buffer) {
        return UNSAFE.getLong(buffer, BUFFER_ADDRESS);
    }

    /**
     * Frees a direct buffer's native memory now rather than at some later collection. Only for a buffer that nothing
     * else can reach, never a slice or duplicate; where raw memory is not to be had, the collector frees it.
     */
    static void free(ByteBuffer buffer) {
        if (UNSAFE != null && buffer.isDirect()) {
            UNSAFE.invokeCleaner(buffer);
        }
    }

    private static sun.misc.Unsafe unsafe() {
        if (!PLATFORMS.contains(System.getProperty("os.arch")) || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return null;
        }
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
            // a JVM that denies memory access throws at the first call, not at the lookup
            unsafe.getLong(new long[1], (long) unsafe.arrayBaseOffset(long[].class));
            return unsafe;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            return null;
        }
    }
}
