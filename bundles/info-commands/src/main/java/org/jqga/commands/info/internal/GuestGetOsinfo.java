package org.jqga.commands.info.internal;

import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-osinfo: the kernel's release, version and machine plus the distribution's os-release fields.
 * os-release comes from the file named by the agent's $QGA_OS_RELEASE if set (no fallback then), else
 * /etc/os-release, else /usr/lib/os-release, as in qemu-ga; missing keys are omitted. See {@link OsRelease}
 * for the two qemu-ga unquoting bugs this does not copy.
 *
 * <p>Hosts poll this command (KubeVirt every few seconds). The kernel's identity cannot change while it runs, so it is
 * read once, at the first call that finds it. os-release is looked at in every call, as in qemu-ga, since an upgrade
 * replaces it, but read again only when it changed ({@link ParsedFile}).
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-osinfo", risk = RiskGroup.INFO)
public final class GuestGetOsinfo implements Command<NoArguments> {

    public record OsInfo(String kernelRelease, String kernelVersion, String machine, String id, String name,
                         String prettyName, String version, String versionId, String variant, String variantId) {
    }

    static final String OS_RELEASE_VARIABLE = "QGA_OS_RELEASE";

    private final SystemPaths paths;
    private final UnaryOperator<String> environment;
    private final ParsedFile<Map<String, String>> osRelease = new ParsedFile<>(bytes -> {
        Map<String, String> values = OsRelease.parse(bytes);
        return values == null ? null : Map.copyOf(values);
    });
    private volatile KernelIdentity kernel;

    @Activate
    public GuestGetOsinfo(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext), System::getenv);
    }

    GuestGetOsinfo(SystemPaths paths, UnaryOperator<String> environment) {
        this.paths = paths;
        this.environment = environment;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        KernelIdentity kernel = kernel();
        Map<String, String> os = osRelease();
        return new OsInfo(kernel.release(), kernel.version(), kernel.machine(), os.get("ID"), os.get("NAME"),
                os.get("PRETTY_NAME"), os.get("VERSION"), os.get("VERSION_ID"), os.get("VARIANT"), os.get("VARIANT_ID"));
    }

    private KernelIdentity kernel() {
        KernelIdentity known = kernel;
        if (known != null) {
            return known;
        }
        KernelIdentity read = KernelIdentity.read(paths);
        if (read.release() != null && read.version() != null) {
            kernel = read;
        }
        return read;
    }

    private Map<String, String> osRelease() {
        String override = environment.apply(OS_RELEASE_VARIABLE);
        Map<String, String> values = override != null ? read(override) : read("/etc/os-release");
        if (values == null && override == null) {
            values = read("/usr/lib/os-release");
        }
        return values != null ? values : Map.of();
    }

    private Map<String, String> read(String guestPath) {
        try {
            return osRelease.read(paths.resolve(guestPath));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
