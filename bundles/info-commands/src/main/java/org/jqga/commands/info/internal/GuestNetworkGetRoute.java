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
 * IPv6 routes of /proc/net/ipv6_route, each line read as qemu-ga's sscanf reads it ({@link RouteLine}); malformed
 * lines are skipped.
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
            Route route = RouteLine.ipv4(ipv4.get(i));
            if (route != null) {
                routes.add(route);
            }
        }
        for (String line : read(IPV6_ROUTES, true)) {
            Route route = RouteLine.ipv6(line);
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
}
