package org.jqga.commands.hardware.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.posix.PosixException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-set-memory-blocks: writes "online" or "offline" to each listed block's
 * /sys/devices/system/memory/memoryN/state unless it is in that state already, and answers one result per
 * block, never an error: "success", "not-found" (no such block), "operation-not-supported" (no memory hotplug in
 * the guest, or a block without state file asked to go offline) or "operation-failed", the last three with the
 * errno as error-code.
 *
 * <p>Kept from qemu-ga because hosts may rely on them: a block without state file asked to go online is
 * "success" with error-code 2 (ENOENT); a block already in the requested state is "success" without error-code;
 * an empty state file is "operation-failed" with error-code 0. One deliberate difference: when the memory
 * directory exists but cannot be opened, qemu-ga answers "success" (its result's default) with the errno; here
 * that is "operation-failed".
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-set-memory-blocks", risk = RiskGroup.HARDWARE)
public final class GuestSetMemoryBlocks implements Command<GuestSetMemoryBlocks.Arguments> {

    /** @param physIndex a uint64, checked by {@link MemoryBlockIndex}; @param canOffline ignored, as by qemu-ga */
    public record MemoryBlock(JsonNode physIndex, boolean online, @OptionalArgument Boolean canOffline) {
    }

    public record Arguments(List<MemoryBlock> memBlks) {
    }

    /** @param errorCode an errno, absent for plain success */
    public record MemoryBlockResponse(Number physIndex, String response, Integer errorCode) {
    }

    static final String SUCCESS = "success";
    static final String NOT_FOUND = "not-found";
    static final String NOT_SUPPORTED = "operation-not-supported";
    static final String FAILED = "operation-failed";

    private static final String MEMORY_DIRECTORY = "/sys/devices/system/memory/";

    private final SysfsRoot sysfs;

    @Activate
    public GuestSetMemoryBlocks(BundleContext context) {
        this(SysfsRoot.of(context));
    }

    GuestSetMemoryBlocks(SysfsRoot sysfs) {
        this.sysfs = sysfs;
    }

    @Override
    public List<MemoryBlockResponse> execute(Arguments arguments, CommandContext context) throws CommandException {
        // every index is checked before any block changes, as QEMU parses all arguments first
        List<MemoryBlockIndex> indexes = new ArrayList<>();
        for (int i = 0; i < arguments.memBlks().size(); i++) {
            indexes.add(MemoryBlockIndex.of(arguments.memBlks().get(i).physIndex(), "mem-blks[" + i + "].phys-index"));
        }
        List<MemoryBlockResponse> results = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            results.add(transfer(indexes.get(i), arguments.memBlks().get(i).online()));
        }
        return results;
    }

    private MemoryBlockResponse transfer(MemoryBlockIndex index, boolean online) {
        Number physIndex = index.unsigned();
        try {
            SysfsAttribute.checkDirectory(sysfs.resolve(MEMORY_DIRECTORY));
        } catch (PosixException e) {
            return new MemoryBlockResponse(physIndex, e.is(Errno.ENOENT) ? NOT_SUPPORTED : FAILED, e.errno());
        }
        String block = MEMORY_DIRECTORY + index.directoryName() + "/";
        try {
            SysfsAttribute.checkDirectory(sysfs.resolve(block));
        } catch (PosixException e) {
            return new MemoryBlockResponse(physIndex, e.is(Errno.ENOENT) ? NOT_FOUND : FAILED, e.errno());
        }
        String stateFile = sysfs.resolve(block + "state");
        boolean isOnline;
        try {
            int fd = SysfsAttribute.open(stateFile, OpenFlags.O_RDONLY);
            byte[] state;
            try {
                state = SysfsAttribute.readPrefix(fd, 10);
            } finally {
                SysfsAttribute.closeQuietly(fd);
            }
            if (state.length == 0) {
                return new MemoryBlockResponse(physIndex, FAILED, 0);   // qemu-ga's errno is still 0 here
            }
            isOnline = new String(state, java.nio.charset.StandardCharsets.US_ASCII).startsWith("online");
        } catch (PosixException e) {
            if (e.is(Errno.ENOENT)) {
                // old kernels: no state file; a block that cannot be switched is "online" already
                return new MemoryBlockResponse(physIndex, online ? SUCCESS : NOT_SUPPORTED, e.errno());
            }
            return new MemoryBlockResponse(physIndex, FAILED, e.errno());
        }
        if (isOnline == online) {
            return new MemoryBlockResponse(physIndex, SUCCESS, null);
        }
        try {
            int fd = SysfsAttribute.open(stateFile, OpenFlags.O_WRONLY);
            try {
                SysfsAttribute.write(fd, online ? "online" : "offline");
            } finally {
                SysfsAttribute.closeQuietly(fd);
            }
        } catch (PosixException e) {
            return new MemoryBlockResponse(physIndex, FAILED, e.errno());
        }
        return new MemoryBlockResponse(physIndex, SUCCESS, null);
    }
}
