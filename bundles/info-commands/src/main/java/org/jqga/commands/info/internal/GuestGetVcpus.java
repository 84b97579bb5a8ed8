package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * guest-get-vcpus: every /sys/devices/system/cpu/cpuN in directory order (qemu-ga 7.2 and later walk the
 * directory with readdir, and a Java directory stream returns readdir's order, so on sysfs the list is in the
 * same, not numeric, order as qemu-ga's). A CPU whose "online" file is missing (typically cpu0, which cannot be
 * unplugged) is online and cannot be offlined; otherwise its first byte tells, '0' meaning offline.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-vcpus", risk = RiskGroup.INFO)
public final class GuestGetVcpus implements Command<NoArguments> {

    public record LogicalProcessor(long logicalId, boolean online, boolean canOffline) {
    }

    static final String CPU_DIRECTORY = "/sys/devices/system/cpu";

    /** sscanf("cpu%ld") succeeds on any name with digits right after "cpu" (an optional sign allowed). */
    private static final Pattern CPU_ENTRY = Pattern.compile("cpu\\s*([+-]?\\d{1,18})");

    private final SystemPaths paths;

    @Activate
    public GuestGetVcpus(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetVcpus(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        List<LogicalProcessor> vcpus = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(CPU_DIRECTORY))) {
            for (Path entry : entries) {
                Matcher m = CPU_ENTRY.matcher(entry.getFileName().toString());
                if (m.lookingAt()) {
                    vcpus.add(read(Long.parseLong(m.group(1))));
                }
            }
        } catch (IOException e) {
            throw CommandException.genericError("failed to list entries: " + CPU_DIRECTORY + ": " + ErrnoText.of(e));
        }
        // qemu-ga asserts (and aborts) on an empty list; an empty answer is kinder to the host
        return vcpus;
    }

    private LogicalProcessor read(long id) throws CommandException {
        // qemu-ga names the file through a directory path ending in '/', hence the "//" in its messages
        String directory = CPU_DIRECTORY + "/cpu" + id + "/";
        Path cpu = paths.resolve(directory);
        if (!Files.isDirectory(cpu)) {
            throw CommandException.genericError("open(\"" + directory + "\"): "
                    + (Files.exists(cpu) ? "Not a directory" : "No such file or directory"));
        }
        String onlineFile = directory + "/online";
        byte[] status;
        try {
            status = SysfsFile.readPrefix(cpu.resolve("online"), 1);
        } catch (NoSuchFileException e) {
            return new LogicalProcessor(id, true, false);
        } catch (IOException e) {
            throw CommandException.genericError("open(\"" + onlineFile + "\"): " + ErrnoText.of(e));
        }
        if (status.length == 0) {
            throw CommandException.genericError("pread(\"" + onlineFile + "\"): unexpected EOF");
        }
        return new LogicalProcessor(id, status[0] != '0', true);
    }
}
