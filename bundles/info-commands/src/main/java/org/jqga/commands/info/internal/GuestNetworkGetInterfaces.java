package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.jqga.posix.InterfaceAddress;
import org.jqga.posix.PosixException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-network-get-interfaces: getifaddrs(3) through the posix bundle, walked as qemu-ga walks it. One
 * entry per name in order of first appearance (glibc lists every link first, by interface index, then IPv4
 * then IPv6 addresses, so interfaces without addresses are included and IPv4 labels such as {@code eth0:1}
 * become entries of their own); the MAC from SIOCGIFHWADDR (all zero for loopback; left out when the ioctl
 * fails); each IPv4/IPv6 address with the popcount of its netmask; and statistics from /proc/net/dev once the
 * interface has an address.
 *
 * <p>Why getifaddrs and not /sys/class/net, /proc/net/if_inet6 or java.net.NetworkInterface: only getifaddrs
 * gives qemu-ga's order. The JDK lists only interfaces that have addresses, and if_inet6 is in hash order.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-network-get-interfaces", risk = RiskGroup.INFO)
public final class GuestNetworkGetInterfaces implements Command<NoArguments> {

    public record NetworkInterface(String name, String hardwareAddress, List<IpAddress> ipAddresses,
                                   Statistics statistics) {
    }

    public record IpAddress(String ipAddress, String ipAddressType, long prefix) {
    }

    public record Statistics(long rxBytes, long rxPackets, long rxErrs, long rxDropped, long txBytes, long txPackets,
                             long txErrs, long txDropped) {
    }

    private static final String PROC_NET_DEV = "/proc/net/dev";

    private final SystemPaths paths;
    private final InterfaceLinks links;

    @Activate
    public GuestNetworkGetInterfaces(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext), null);
    }

    GuestNetworkGetInterfaces(SystemPaths paths, InterfaceLinks links) {
        this.paths = paths;
        this.links = links;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        try {
            return list(links != null ? links : KernelInterfaceLinks.INSTANCE);
        } catch (LinkageError e) {
            throw CommandException.genericError("getifaddrs failed: the org.jqga.posix bundle is missing (" + e + ")");
        }
    }

    private List<NetworkInterface> list(InterfaceLinks source) throws CommandException {
        List<InterfaceAddress> entries;
        try {
            entries = source.interfaceAddresses();
        } catch (PosixException e) {
            throw CommandException.genericError("getifaddrs failed: " + e.strerror());
        }
        Map<String, Builder> interfaces = new LinkedHashMap<>();
        String procNetDev = null;
        for (InterfaceAddress entry : entries) {
            Builder builder = interfaces.computeIfAbsent(entry.name(), Builder::new);
            if (builder.hardwareAddress == null) {
                byte[] mac = source.hardwareAddress(entry.name());
                builder.hardwareAddress = mac == null ? null : InetText.mac(mac);
            }
            IpAddress address = address(entry);
            if (address == null) {
                continue;
            }
            builder.addresses.add(address);
            if (builder.statistics == null) {
                if (procNetDev == null) {
                    procNetDev = readProcNetDev();
                }
                builder.statistics = NetDevStatistics.find(procNetDev, entry.name());
            }
        }
        List<NetworkInterface> result = new ArrayList<>(interfaces.size());
        for (Builder builder : interfaces.values()) {
            result.add(new NetworkInterface(builder.name, builder.hardwareAddress,
                    builder.addresses.isEmpty() ? null : List.copyOf(builder.addresses), builder.statistics));
        }
        return result;
    }

    private static IpAddress address(InterfaceAddress entry) {
        if (entry.family() == InterfaceAddress.AF_INET && entry.address().length == 4) {
            return new IpAddress(InetText.ipv4(entry.address(), 0), "ipv4", InetText.prefixLength(entry.netmask()));
        }
        if (entry.family() == InterfaceAddress.AF_INET6 && entry.address().length == 16) {
            return new IpAddress(InetText.ipv6(entry.address()), "ipv6", InetText.prefixLength(entry.netmask()));
        }
        return null;
    }

    /** An unreadable /proc/net/dev only means no statistics, as in qemu-ga. */
    private String readProcNetDev() {
        try {
            return Files.readString(paths.resolve(PROC_NET_DEV), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static final class Builder {
        final String name;
        final List<IpAddress> addresses = new ArrayList<>();
        String hardwareAddress;
        Statistics statistics;

        Builder(String name) {
            this.name = name;
        }
    }
}
