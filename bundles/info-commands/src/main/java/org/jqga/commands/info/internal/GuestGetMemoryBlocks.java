package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-memory-blocks: every /sys/devices/system/memory/memoryN directory in readdir order, as qemu-ga
 * walks it. online = "state" starts with "online" (no state file: online and not removable); can-offline =
 * the first byte of "removable" is not '0' (no such file: false). A guest without the sysfs directory
 * (no memory hotplug) answers an empty list; a directory without blocks is an error, as in qemu-ga.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-memory-blocks", risk = RiskGroup.INFO)
public final class GuestGetMemoryBlocks implements Command<NoArguments> {

    public record MemoryBlock(long physIndex, boolean online, boolean canOffline) {
    }

    static final String MEMORY_DIRECTORY = "/sys/devices/system/memory/";

    private final SystemPaths paths;

    @Activate
    public GuestGetMemoryBlocks(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetMemoryBlocks(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        List<MemoryBlock> blocks = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(MEMORY_DIRECTORY))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // qemu-ga tests readdir's d_type, which is DT_LNK for a symbolic link: links are not followed
                if (name.startsWith("memory") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    blocks.add(read(entry, strtoul(name.substring("memory".length()))));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // sic: qemu-ga's text has no space before the quote
            throw CommandException.genericError("Can't open directory\"" + MEMORY_DIRECTORY + "\": " + ErrnoText.of(e));
        }
        if (blocks.isEmpty()) {
            throw CommandException.genericError("guest reported zero memory blocks!");
        }
        return blocks;
    }

    private static MemoryBlock read(Path block, long index) throws CommandException {
        byte[] state;
        try {
            state = readAttribute(block, "state", 10);
        } catch (NoSuchFileException e) {
            return new MemoryBlock(index, true, false);   // kernels without memory hot(un)plug
        }
        boolean online = startsWith(state, "online");
        byte[] removable;
        try {
            removable = readAttribute(block, "removable", 1);
        } catch (NoSuchFileException e) {
            return new MemoryBlock(index, online, false);
        }
        return new MemoryBlock(index, online, removable[0] != '0');
    }

    /** qemu-ga's ga_read_sysfs_file: missing file passed on (it has its own meaning), other failures are errors. */
    private static byte[] readAttribute(Path block, String name, int maxBytes) throws CommandException, NoSuchFileException {
        byte[] content;
        try {
            content = SysfsFile.readPrefix(block.resolve(name), maxBytes);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw CommandException.genericError("open sysfs file " + name + ": " + ErrnoText.of(e));
        }
        if (content.length == 0) {
            throw CommandException.genericError("pread sysfs file " + name + ": unexpected EOF");
        }
        return content;
    }

    private static boolean startsWith(byte[] content, String prefix) {
        if (content.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (content[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** C's strtoul(s, NULL, 10) for the digits after "memory": leading digits, 0 if none. */
    static long strtoul(String s) {
        int end = 0;
        while (end < s.length() && end < 18 && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(s.substring(0, end));
    }
}
