package com.example.diskusage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Component;

/**
 * {@code __com.example_disk-usage}: size, used and free bytes of the filesystem holding {@code path}.
 *
 * <p>Request: {@code {"execute": "__com.example_disk-usage", "arguments": {"path": "/"}}}<br>
 * Reply: {@code {"return": {"path": "/", "total-bytes": ..., "used-bytes": ..., "free-bytes": ...}}}
 *
 * <p>The agent binds the arguments before {@code execute} runs: a missing, unknown or mistyped {@code path} gets
 * qemu-ga's own error text, so this class only does the work. Extension names follow QAPI's downstream rule:
 * {@code __} + reversed domain + {@code _} + name.
 */
@Component(service = Command.class)
@GuestCommand(name = "__com.example_disk-usage", risk = RiskGroup.INFO)
public final class DiskUsage implements Command<DiskUsage.Arguments> {

    /** The JSON member is the component name in kebab-case: here simply "path". */
    public record Arguments(String path) {
    }

    /** Members become total-bytes, used-bytes, free-bytes; free is what df calls "Avail". */
    public record Result(String path, long totalBytes, long usedBytes, long freeBytes) {
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        Path path;
        try {
            path = Path.of(arguments.path());
        } catch (InvalidPathException e) {
            throw CommandException.genericError("invalid path '" + arguments.path() + "'");
        }
        if (!path.isAbsolute()) {
            throw CommandException.genericError("path '" + arguments.path() + "' is not absolute");
        }
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            return new Result(arguments.path(), total, total - store.getUnallocatedSpace(), store.getUsableSpace());
        } catch (NoSuchFileException e) {
            throw CommandException.genericError("failed to stat '" + arguments.path() + "': No such file or directory");
        } catch (IOException e) {
            throw CommandException.genericError("failed to stat '" + arguments.path() + "': " + e.getMessage());
        }
    }
}
