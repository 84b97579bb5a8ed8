package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema's member names for the storage and network results, as the engine's mapping writes them. */
class StorageNetworkShapeTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    @Test
    void memberNames() throws Exception {
        DiskAddress address = new DiskAddress(new DiskAddress.PciAddress(0, 0, 2, 0), "virtio", 0, 0, 0, "S1",
                "/dev/vda", new DiskAddress.CcwAddress(0, 0, 1, 2));
        assertEquals("{\"pci-controller\":{\"domain\":0,\"bus\":0,\"slot\":2,\"function\":0},\"bus-type\":\"virtio\","
                + "\"bus\":0,\"target\":0,\"unit\":0,\"serial\":\"S1\",\"dev\":\"/dev/vda\","
                + "\"ccw-address\":{\"cssid\":0,\"ssid\":0,\"subchno\":1,\"devno\":2}}", mapper.writeValueAsString(address));
        assertEquals("{\"name\":\"vda\",\"mountpoint\":\"/\",\"type\":\"ext4\",\"used-bytes\":1,\"total-bytes\":2,"
                        + "\"total-bytes-privileged\":3,\"disk\":[]}",
                mapper.writeValueAsString(new GuestGetFsinfo.FilesystemInfo("vda", "/", "ext4", 1L, 2L, 3L, List.of())));
        assertEquals("{\"name\":\"/dev/vda1\",\"partition\":true,\"dependencies\":[\"/dev/vda\"]}",
                mapper.writeValueAsString(new GuestGetDisks.DiskInfo("/dev/vda1", true, List.of("/dev/vda"), null, null,
                        null)));
        assertEquals("{\"name\":\"eth0\",\"hardware-address\":\"02:00:00:00:00:01\",\"ip-addresses\":[{\"ip-address\":"
                        + "\"::1\",\"ip-address-type\":\"ipv6\",\"prefix\":128}],\"statistics\":{\"rx-bytes\":1,"
                        + "\"rx-packets\":2,\"rx-errs\":3,\"rx-dropped\":4,\"tx-bytes\":5,\"tx-packets\":6,\"tx-errs\":7,"
                        + "\"tx-dropped\":8}}",
                mapper.writeValueAsString(new GuestNetworkGetInterfaces.NetworkInterface("eth0", "02:00:00:00:00:01",
                        List.of(new GuestNetworkGetInterfaces.IpAddress("::1", "ipv6", 128)),
                        new GuestNetworkGetInterfaces.Statistics(1, 2, 3, 4, 5, 6, 7, 8))));
        assertEquals("{\"iface\":\"lo\",\"destination\":\"::1\",\"metric\":0,\"flags\":1,\"refcnt\":2,\"use\":3,"
                        + "\"desprefixlen\":\"128\",\"source\":\"::\",\"srcprefixlen\":\"0\",\"nexthop\":\"::\",\"version\":6}",
                mapper.writeValueAsString(new GuestNetworkGetRoute.Route("lo", "::1", 0, null, null, null, 1L, 2L, 3L,
                        null, null, "128", "::", "0", "::", 6)));
        assertEquals("{\"name\":\"vda\",\"major\":254,\"minor\":0,\"stats\":{\"read-sectors\":1,\"read-ios\":2,"
                        + "\"ios-pgr\":3}}",
                mapper.writeValueAsString(new GuestGetDiskstats.DiskStatsInfo("vda", 254, 0,
                        new GuestGetDiskstats.DiskStats(1L, 2L, null, null, null, null, null, null, null, null, null, null,
                                null, null, 3L, null, null))));
    }
}
