package org.jqga.commands.hardware.internal;

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
 * guest-set-vcpus: brings each listed vCPU to the requested state through
 * /sys/devices/system/cpu/cpuN/online, in order, stopping at the first failure. Returns how many were done;
 * only a failure of the first is an error. A vCPU already in the requested state counts as done, and so does
 * onlining one without an "online" file (cpu0, which cannot go offline at all).
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-set-vcpus", risk = RiskGroup.HARDWARE)
public final class GuestSetVcpus implements Command<GuestSetVcpus.Arguments> {

    /** @param canOffline accepted because guest-get-vcpus reports it, and ignored, as by qemu-ga */
    public record LogicalProcessor(long logicalId, boolean online, @OptionalArgument Boolean canOffline) {
    }

    public record Arguments(List<LogicalProcessor> vcpus) {
    }

    private final SysfsRoot sysfs;

    @Activate
    public GuestSetVcpus(BundleContext context) {
        this(SysfsRoot.of(context));
    }

    GuestSetVcpus(SysfsRoot sysfs) {
        this.sysfs = sysfs;
    }

    @Override
    public Long execute(Arguments arguments, CommandContext context) throws CommandException {
        long processed = 0;
        for (LogicalProcessor vcpu : arguments.vcpus()) {
            try {
                transfer(vcpu);
            } catch (CommandException e) {
                if (processed == 0) {
                    throw e;
                }
                break;
            }
            processed++;
        }
        return processed;
    }

    private void transfer(LogicalProcessor vcpu) throws CommandException {
        // qemu-ga's directory path ends in '/', hence the "//" in its messages
        String directory = "/sys/devices/system/cpu/cpu" + vcpu.logicalId() + "/";
        String onlineFile = directory + "/online";
        try {
            SysfsAttribute.checkDirectory(sysfs.resolve(directory));
        } catch (PosixException e) {
            throw CommandException.genericError("open(\"" + directory + "\"): " + e.strerror());
        }
        int fd;
        try {
            fd = SysfsAttribute.open(sysfs.resolve(onlineFile), OpenFlags.O_RDWR);
        } catch (PosixException e) {
            if (!e.is(Errno.ENOENT)) {
                throw CommandException.genericError("open(\"" + onlineFile + "\"): " + e.strerror());
            }
            if (!vcpu.online()) {
                throw CommandException.genericError("logical processor #" + vcpu.logicalId() + " can't be offlined");
            }
            return;
        }
        try {
            byte[] status;
            try {
                status = SysfsAttribute.readPrefix(fd, 1);
            } catch (PosixException e) {
                throw CommandException.genericError("pread(\"" + onlineFile + "\"): " + e.strerror());
            }
            if (status.length == 0) {
                throw CommandException.genericError("pread(\"" + onlineFile + "\"): unexpected EOF");
            }
            boolean online = status[0] != '0';
            if (online != vcpu.online()) {
                try {
                    SysfsAttribute.write(fd, vcpu.online() ? "1" : "0");
                } catch (PosixException e) {
                    throw CommandException.genericError("pwrite(\"" + onlineFile + "\"): " + e.strerror());
                }
            }
        } finally {
            SysfsAttribute.closeQuietly(fd);
        }
    }
}
