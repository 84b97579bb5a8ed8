package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * guest-network-get-route (qemu-ga 9.1): the IPv4 routes of /proc/net/route (header line skipped), then the
 * IPv6 routes of /proc/net/ipv6_route, each line read as qemu-ga's sscanf reads it; malformed lines are
 * skipped.
 *
 * <p>Deliberately unlike qemu-ga: the hexadecimal IPv6 columns (metric, refcnt, use, flags) are sent as the
 * unsigned 32-bit numbers the kernel prints, where qemu-ga stores them in a C int and sends, for example,
 * metric 0xffffffff as -1 and flags 0x80200001 sign-extended to 18446744071564165121; and a kernel without
 * IPv6 (no ipv6_route file) gives the IPv4 routes, where qemu-ga fails the command.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-network-get-route", risk = RiskGroup.INFO)
public final class GuestNetworkGetRoute implements Command<NoArguments> {

    public record Route(String iface, String destination, long metric, String gateway, String mask, Long irtt,
                        Long flags, Long refcnt, Long use, Long window, Long mtu, String desprefixlen, String source,
                        String srcprefixlen, String nexthop, int version) {
    }

    private static final String IPV4_ROUTES = "/proc/net/route";
    private static final String IPV6_ROUTES = "/proc/net/ipv6_route";

    private final SystemPaths paths;

    @Activate
    public GuestNetworkGetRoute(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestNetworkGetRoute(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        List<Route> routes = new ArrayList<>();
        List<String> ipv4 = read(IPV4_ROUTES, false);
        for (int i = 1; i < ipv4.size(); i++) {
            Route route = ipv4Route(ipv4.get(i));
            if (route != null) {
                routes.add(route);
            }
        }
        for (String line : read(IPV6_ROUTES, true)) {
            Route route = ipv6Route(line);
            if (route != null) {
                routes.add(route);
            }
        }
        return routes;
    }

    private List<String> read(String file, boolean mayBeMissing) throws CommandException {
        try {
            return Files.readAllLines(paths.resolve(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            if (mayBeMissing) {
                return List.of();
            }
            throw CommandException.genericError("open(\"" + file + "\"): " + ErrnoText.of(e));
        } catch (IOException e) {
            throw CommandException.genericError("open(\"" + file + "\"): " + ErrnoText.of(e));
        }
    }

    /** {@code Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT}, addresses as %08X. */
    static Route ipv4Route(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length < 11) {
            return null;
        }
        Long destination = hex32(t[1]);
        Long gateway = hex32(t[2]);
        Long flags = hex32(t[3]);
        Long mask = hex32(t[7]);
        Integer refcnt = int32(t[4]);
        Integer use = int32(t[5]);
        Integer metric = int32(t[6]);
        Integer mtu = int32(t[8]);
        Integer window = int32(t[9]);
        Integer irtt = int32(t[10]);
        if (destination == null || gateway == null || flags == null || mask == null || refcnt == null || use == null
                || metric == null || mtu == null || window == null || irtt == null) {
            return null;
        }
        return new Route(t[0], quad(destination), metric, quad(gateway), quad(mask), (long) irtt, flags,
                (long) refcnt, (long) use, (long) window, (long) mtu, null, null, null, null, 4);
    }

    /** {@code destination dst_len source src_len next_hop metric refcnt use flags iface}, all hex. */
    static Route ipv6Route(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length < 10 || t[0].length() > 32 || t[2].length() > 32 || t[4].length() > 32) {
            return null;
        }
        Long destinationLength = hex32(t[1]);
        Long sourceLength = hex32(t[3]);
        Long metric = hex32(t[5]);
        Long refcnt = hex32(t[6]);
        Long use = hex32(t[7]);
        Long flags = hex32(t[8]);
        if (destinationLength == null || sourceLength == null || metric == null || refcnt == null || use == null
                || flags == null) {
            return null;
        }
        String destination = ipv6(t[0]);
        if (destination == null) {
            return null;
        }
        // qemu-ga prints the prefix lengths with %d from an int
        return new Route(t[9], destination, metric, null, null, null, flags, refcnt, use, null, null,
                Integer.toString(destinationLength.intValue()), ipv6(t[2]), Integer.toString(sourceLength.intValue()),
                ipv6(t[4]), 6);
    }

    /** The in-memory u32 of a network-order address, printed by the kernel as hex: bytes reversed. */
    private static String quad(long value) {
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }

    /** 32 hex digits, two per byte; null when a byte does not start with a hex digit (qemu-ga's %02hhx). */
    private static String ipv6(String hex) {
        byte[] address = new byte[16];
        for (int i = 0; i < 16; i++) {
            int at = 2 * i;
            if (at >= hex.length() || Character.digit(hex.charAt(at), 16) < 0) {
                return null;
            }
            int value = Character.digit(hex.charAt(at), 16);
            if (at + 1 < hex.length() && Character.digit(hex.charAt(at + 1), 16) >= 0) {
                value = value * 16 + Character.digit(hex.charAt(at + 1), 16);
            }
            address[i] = (byte) value;
        }
        return InetText.ipv6(address);
    }

    /** %x / %X: unsigned hex, kept to 32 bits; null when the token is not hex. */
    private static Long hex32(String token) {
        String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
        if (digits.isEmpty() || digits.length() > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(digits, 16) & 0xffffffffL;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** %d into an int. */
    private static Integer int32(String token) {
        try {
            return (int) Long.parseLong(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
