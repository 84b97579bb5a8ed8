package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-host-name: the kernel's host name, read afresh on every call (a renamed guest reports its new
 * name at once), "localhost" if it cannot be read, as qemu-ga does.
 *
 * <p>glibc's gethostname() is uname()'s nodename, and /proc/sys/kernel/hostname is that same nodename of the
 * reading process's UTS namespace, so reading the file gives what qemu-ga's gethostname() call gives, without
 * native code. The kernel answers that read from memory under a lock that is only held to copy the name, so the
 * engine runs this on the channel's thread (nonBlocking): hosts poll it.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-host-name", risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestGetHostName implements Command<NoArguments> {

    public record HostName(String hostName) {
    }

    private final SystemPaths paths;

    @Activate
    public GuestGetHostName(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetHostName(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        return new HostName(hostName());
    }

    private String hostName() {
        try {
            String name = Files.readString(paths.resolve("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8);
            int newline = name.indexOf('\n');
            return newline >= 0 ? name.substring(0, newline) : name;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
