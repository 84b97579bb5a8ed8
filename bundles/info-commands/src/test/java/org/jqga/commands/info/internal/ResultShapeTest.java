package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member names qemu-ga's schema uses, as the engine's mapping (kebab-case, nulls omitted) writes them. */
class ResultShapeTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private String json(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }

    @Test
    void memberNames() throws Exception {
        assertEquals("{\"zone\":\"CET\",\"offset\":3600}", json(new GuestGetTimezone.Timezone("CET", 3600)));
        assertEquals("{\"offset\":0}", json(new GuestGetTimezone.Timezone(null, 0)));
        assertEquals("{\"host-name\":\"vm\"}", json(new GuestGetHostName.HostName("vm")));
        assertEquals("{\"user\":\"alice\",\"login-time\":1.5}", json(new GuestGetUsers.User("alice", 1.5)));
        assertEquals("{\"load1m\":0.5,\"load5m\":1.0,\"load15m\":2.0}", json(new GuestGetLoad.LoadAverage(0.5, 1, 2)));
        assertEquals("{\"logical-id\":1,\"online\":true,\"can-offline\":false}",
                json(new GuestGetVcpus.LogicalProcessor(1, true, false)));
        assertEquals("{\"phys-index\":7,\"online\":false,\"can-offline\":true}",
                json(new GuestGetMemoryBlocks.MemoryBlock(7, false, true)));
        assertEquals("{\"size\":134217728}", json(new GuestGetMemoryBlockInfo.MemoryBlockInfo(134217728)));
        assertEquals("{\"type\":\"linux\",\"cpu\":0,\"user\":1,\"nice\":2,\"system\":3,\"idle\":4,\"iowait\":5,"
                        + "\"irq\":6,\"softirq\":7,\"steal\":8,\"guest\":9,\"guestnice\":10}",
                json(new GuestGetCpustats.CpuStats("linux", 0, 1, 2, 3, 4, 5L, 6L, 7L, 8L, 9L, 10L)));
    }

    @Test
    void osinfoMemberNames() throws Exception {
        Map<?, ?> members = mapper.readValue(json(new GuestGetOsinfo.OsInfo("r", "v", "m", "i", "n", "p", "ver", "vid",
                "var", "varid")), Map.class);
        assertEquals(Map.of("kernel-release", "r", "kernel-version", "v", "machine", "m", "id", "i", "name", "n",
                "pretty-name", "p", "version", "ver", "version-id", "vid", "variant", "var", "variant-id", "varid"), members);
        assertEquals("{\"machine\":\"x86_64\"}",
                json(new GuestGetOsinfo.OsInfo(null, null, "x86_64", null, null, null, null, null, null, null)));
    }
}
