package org.jqga.commands.power.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.programs.HelperProgram;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * guest-shutdown as the newest qemu-ga does it: /sbin/poweroff, /sbin/halt or /sbin/reboot when that file
 * exists (systemd-only guests have no working shutdown(8) flags for all three), else
 * {@code /sbin/shutdown -h -P|-H|-r +0 "hypervisor initiated shutdown"}. Success sends no reply: the guest is
 * going down, and the host learns that from the channel closing.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-shutdown", successResponse = false, risk = RiskGroup.POWER)
public final class GuestShutdown implements Command<GuestShutdown.Arguments> {

    /** @param mode powerdown (when absent), halt or reboot */
    public record Arguments(@OptionalArgument String mode) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(GuestShutdown.class);

    private final PowerSettings settings;

    @Activate
    public GuestShutdown(BundleContext context) {
        this(PowerSettings.of(context));
    }

    GuestShutdown(PowerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) throws CommandException {
        LOG.info("guest-shutdown called, mode: {}", arguments.mode());
        ShutdownMode mode = ShutdownMode.parse(arguments.mode());
        HelperProgram.runFor("shutdown", commandLine(mode), null);
        return NoResult.INSTANCE;
    }

    List<String> commandLine(ShutdownMode mode) {
        Path dedicated = settings.programDirectory().resolve(mode.program);
        // qemu-ga tests for a regular file (following links), not for the execute bit
        if (Files.isRegularFile(dedicated)) {
            return List.of(dedicated.toString());
        }
        return List.of(settings.programDirectory().resolve("shutdown").toString(), "-h", mode.shutdownFlag, "+0",
                "hypervisor initiated shutdown");
    }
}
