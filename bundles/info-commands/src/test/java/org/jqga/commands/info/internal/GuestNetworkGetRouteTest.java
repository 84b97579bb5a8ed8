package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.commands.info.internal.GuestNetworkGetRoute.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestNetworkGetRouteTest {

    @TempDir
    Path root;

    @SuppressWarnings("unchecked")
    private List<Route> run(SystemPaths paths) throws CommandException {
        return (List<Route>) new GuestNetworkGetRoute(paths).execute(Sysroots.NONE, null);
    }

    @Test
    void capturedTablesIpv4ThenIpv6() throws Exception {
        List<Route> routes = run(SampleTree.build("build-vm", root));
        assertEquals(2 + 8, routes.size());
        assertEquals(new Route("eth0", "0.0.0.0", 0, "192.0.2.1", "0.0.0.0", 0L, 3L, 0L, 0L, 0L, 0L, null, null, null,
                null, 4), routes.get(0));
        assertEquals(new Route("eth0", "192.0.2.0", 0, "0.0.0.0", "255.255.255.0", 0L, 1L, 0L, 0L, 0L, 0L, null, null,
                null, null, 4), routes.get(1));
        assertEquals(new Route("eth0", "fd00::", 256, null, null, null, 1L, 1L, 0L, null, null, "64", "::", "0", "::",
                6), routes.get(2));
        assertEquals(new Route("eth0", "::", 1024, null, null, null, 3L, 2L, 0L, null, null, "0", "::", "0", "fd00::1",
                6), routes.get(4));
        // unsigned where qemu-ga's int sends -1 and a sign-extended flags value
        Route unreachable = routes.get(9);
        assertEquals("lo", unreachable.iface());
        assertEquals(4294967295L, unreachable.metric());
        Route local = routes.get(5);
        assertEquals("::1", local.destination());
        assertEquals(0x80200001L, local.flags());
        assertEquals("128", local.desprefixlen());
    }

    @Test
    void malformedLinesAreSkipped() throws Exception {
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(root.resolve("proc/net/route"), "Iface\tDestination\n"
                + "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
                + "eth1\tnothex\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "short 1 2\n");
        Files.writeString(root.resolve("proc/net/ipv6_route"),
                "20010db8000000000000000000000000 20 00000000000000000000000000000000 00 zz000000000000000000000000000000 00000064 00000001 00000002 00000001 eth0\n"
                        + "2001 20 00000000000000000000000000000000 00 00000000000000000000000000000000 1 1 1 1 eth0\n"
                        + "garbage\n");
        List<Route> routes = run(new SystemPaths(root));
        assertEquals(2, routes.size());
        assertEquals("192.168.1.0", routes.get(0).destination());
        assertEquals(100, routes.get(0).metric());
        assertEquals("2001:db8::", routes.get(1).destination());
        assertEquals("32", routes.get(1).desprefixlen());
        assertNull(routes.get(1).nexthop(), "an unparsable next hop is left out, as in qemu-ga");
    }

    @Test
    void aKernelWithoutIpv6StillGivesIpv4Routes() throws Exception {
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(root.resolve("proc/net/route"), "Iface\n"
                + "eth0\t00000000\t0102A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        assertEquals(List.of("192.168.2.1"), run(new SystemPaths(root)).stream().map(Route::gateway).toList());
    }

    @Test
    void missingIpv4TableIsQemuGasError() {
        CommandException e = assertThrows(CommandException.class, () -> run(new SystemPaths(root)));
        assertEquals("open(\"/proc/net/route\"): No such file or directory", e.desc());
    }
}
