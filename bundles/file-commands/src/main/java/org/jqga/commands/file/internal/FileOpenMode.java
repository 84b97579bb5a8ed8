package org.jqga.commands.file.internal;

import java.util.Map;
import jnr.constants.platform.OpenFlags;
import org.jqga.api.CommandException;

/**
 * A guest-file-open mode: fopen(3)'s mode strings, mapped to open(2) flags as qemu-ga maps them.
 *
 * @param flags open(2) flags without the O_NONBLOCK/O_NOCTTY/O_CLOEXEC every guest file gets
 */
record FileOpenMode(String text, int flags) {

    private static final int RDONLY = OpenFlags.O_RDONLY.intValue();
    private static final int WRONLY = OpenFlags.O_WRONLY.intValue();
    private static final int RDWR = OpenFlags.O_RDWR.intValue();
    private static final int CREAT = OpenFlags.O_CREAT.intValue();
    private static final int TRUNC = OpenFlags.O_TRUNC.intValue();
    private static final int APPEND = OpenFlags.O_APPEND.intValue();

    private static final Map<String, Integer> FLAGS_BY_MODE = Map.ofEntries(
            Map.entry("r", RDONLY),
            Map.entry("rb", RDONLY),
            Map.entry("w", WRONLY | CREAT | TRUNC),
            Map.entry("wb", WRONLY | CREAT | TRUNC),
            Map.entry("a", WRONLY | CREAT | APPEND),
            Map.entry("ab", WRONLY | CREAT | APPEND),
            Map.entry("r+", RDWR),
            Map.entry("rb+", RDWR),
            Map.entry("r+b", RDWR),
            Map.entry("w+", RDWR | CREAT | TRUNC),
            Map.entry("wb+", RDWR | CREAT | TRUNC),
            Map.entry("w+b", RDWR | CREAT | TRUNC),
            Map.entry("a+", RDWR | CREAT | APPEND),
            Map.entry("ab+", RDWR | CREAT | APPEND),
            Map.entry("a+b", RDWR | CREAT | APPEND));

    /** The mode for {@code text}, or qemu-ga's "invalid file open mode" error. */
    static FileOpenMode parse(String text) throws CommandException {
        Integer flags = FLAGS_BY_MODE.get(text);
        if (flags == null) {
            throw CommandException.genericError("invalid file open mode '" + text + "'");
        }
        return new FileOpenMode(text, flags);
    }

    /** Whether the file is only read: "r" and "rb"; every other mode may change it. */
    boolean readOnly() {
        return flags == RDONLY;
    }

    /** Whether the mode may create the file; a file this open creates gets mode 0666 regardless of umask. */
    boolean creates() {
        return (flags & CREAT) != 0;
    }

    /** The flags without O_CREAT: for opening a file that turned out to exist already. */
    int flagsForExisting() {
        return flags & ~CREAT;
    }
}
